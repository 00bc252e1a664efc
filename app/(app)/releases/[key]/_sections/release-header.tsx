import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { ClientMessages } from '@/components/i18n/client-messages';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { DescriptionList } from '@/components/ui/description-list';
import { RiskBadge, StatusBadge, TypeBadge } from '@/components/ui/status-badge';
import { safeZone } from '@/components/format';
import { ButtonLink } from '@/components/ui/button';
import { ReleaseWindow } from '@/components/releases/release-window';
import { releaseHref } from '@/lib/domain/release-parts';

type HeaderFields =
  'key' | 'title' | 'status' | 'type' | 'riskLevel' | 'version' | 'policyVersion' | 'timezone' | 'owner' | 'requester' | 'plannedStart' | 'plannedEnd';

/** The compact header every part of a release shows (in the release layout). */
export function ReleaseHeader({
  r,
  canEdit = false,
  watch,
}: {
  r: Pick<ReleaseDetailDto, HeaderFields>;
  canEdit?: boolean;
  /** the Watch / Unwatch toggle, when the reader may watch */
  watch?: ReactNode;
}) {
  const t = useTranslations('release-parts.header');
  const zone = safeZone(r.timezone);
  return (
    <div className="mb-3 rounded-md border border-gray-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-gray-900">
            <span className="mr-2 font-mono text-gray-700">{r.key}</span>
            {r.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2" data-testid="release-status">
            <StatusBadge status={r.status} />
            <TypeBadge type={r.type} />
            <RiskBadge level={r.riskLevel} />
            <span className="text-xs text-gray-700">{t('version', { version: r.version })}</span>
            {r.policyVersion !== null ? <span className="text-xs text-gray-700">{t('policyVersion', { version: r.policyVersion })}</span> : null}
          </div>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {/* the Watch toggle is a client component: it gets this namespace's words */}
          {watch ? <ClientMessages namespaces={['release-parts']}>{watch}</ClientMessages> : null}
          {canEdit ? (
            <ButtonLink href={`${releaseHref(r.key)}/edit`} size="sm">
              {t('edit')}
            </ButtonLink>
          ) : null}
        </div>
      </div>
      <DescriptionList
        className="mt-3"
        columns={4}
        items={[
          { term: t('owner'), value: r.owner.name },
          { term: t('requester'), value: r.requester.name },
          { term: t('window'), value: <ReleaseWindow start={r.plannedStart} end={r.plannedEnd} timezone={zone} />, double: true },
        ]}
      />
      <p className="mt-3 text-xs text-gray-700">{t('zone', { zone })}</p>
    </div>
  );
}
