import { useTranslations } from 'next-intl';
import { RELEASE_PARTS, type ReleasePart } from '@/lib/domain/release-links';
import { ReleaseTabLinks } from './release-tab-links';

/**
 * The parts of one release as tabs, named in the reader's language here on the server so that
 * the client links (release-tab-links.tsx) get only their words, not a catalogue.
 */
export function ReleaseTabs({ releaseKey }: { releaseKey: string }) {
  const t = useTranslations('release-parts.tabs');
  const labels = Object.fromEntries(RELEASE_PARTS.map((p) => [p.part, t(`parts.${p.part}`)])) as Record<ReleasePart, string>;
  return <ReleaseTabLinks releaseKey={releaseKey} label={t('label')} labels={labels} />;
}
