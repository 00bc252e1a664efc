import fs from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DescriptionList } from '@/components/ui/description-list';
import { Markdown } from '@/components/ui/markdown';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { allows } from '@/lib/server/authz';
import { getComponent } from '@/lib/server/components';
import { databaseTarget } from '@/lib/server/env';
import { requireUser } from '@/lib/server/session';
import { relmVersion } from '@/lib/server/version';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('about');
  return { title: t('title') };
}

/** CHANGELOG.md beside the running code; '' when it is not there. */
function changelog(): string {
  try {
    return fs.readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), 'CHANGELOG.md'), 'utf8');
  } catch {
    return '';
  }
}

/** The component that stands for Relm itself in a catalogue (the demo organisation's, prisma/seed/data/catalogue.ts) */
const RELM_COMPONENT = 'relm';

/** Which Relm this is and what changed in it: for every signed-in person (issue 17 point 7). */
export default async function AboutPage() {
  const actor = await requireUser();
  const t = await getTranslations('about');
  // Relm's own builds and releases, where the catalogue records them
  const inCatalogue = allows(actor, 'catalog.read') && (await getComponent(actor, RELM_COMPONENT)) !== null;
  const { version, commit } = relmVersion();
  const target = databaseTarget().kind;
  const notes = changelog();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-6">
        <Section id="version" title={t('version.title')}>
          <DescriptionList
            columns={3}
            items={[
              { term: t('version.version'), value: <span data-testid="relm-version">{version}</span> },
              { term: t('version.commit'), value: commit ? <code className="font-mono">{commit}</code> : t('version.unknownCommit') },
              { term: t('version.database'), value: t(`version.databases.${target}`) },
            ]}
          />
          <p className="mt-2 text-xs text-gray-700">{t('version.cli')}</p>
          {inCatalogue ? (
            <p className="mt-2 text-sm text-gray-800">
              {t.rich('version.catalogue', {
                link: (chunks) => (
                  <Link href={`/components/${RELM_COMPONENT}`} className="link">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : null}
        </Section>
        <Section id="changes" title={t('changes.title')}>
          {notes ? <Markdown text={notes} /> : <p className="text-sm text-gray-800">{t('changes.missing')}</p>}
        </Section>
      </div>
    </>
  );
}
