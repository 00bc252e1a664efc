import type { ReleaseDetailDto } from '@/lib/server/releases';
import { DescriptionList } from '@/components/ui/description-list';
import { RiskBadge, StatusBadge, TypeBadge } from '@/components/ui/status-badge';
import { When } from '@/components/ui/text';
import { safeZone } from '@/components/format';
import { ButtonLink } from '@/components/ui/button';
import { ReleaseWindow } from '@/components/releases/release-window';

export function ReleaseHeader({ r, canEdit = false }: { r: ReleaseDetailDto; canEdit?: boolean }) {
  const zone = safeZone(r.timezone);
  return (
    <div className="mb-5 rounded-md border border-gray-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-gray-900">
            <span className="mr-2 font-mono text-gray-700">{r.key}</span>
            {r.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <StatusBadge status={r.status} />
            <TypeBadge type={r.type} />
            <RiskBadge level={r.riskLevel} />
            <span className="text-xs text-gray-700">Version {r.version}</span>
            {r.policyVersion !== null ? <span className="text-xs text-gray-700">· Policy v{r.policyVersion}</span> : null}
          </div>
        </div>
        {canEdit ? (
          <ButtonLink href={`/releases/${r.key}/edit`} size="sm">
            Edit release
          </ButtonLink>
        ) : null}
      </div>
      <DescriptionList
        className="mt-4"
        columns={4}
        items={[
          { term: 'Owner', value: r.owner.name },
          { term: 'Requester', value: r.requester.name },
          { term: 'Planned window', value: <ReleaseWindow start={r.plannedStart} end={r.plannedEnd} timezone={zone} />, double: true },
          { term: 'Submitted', value: <When iso={r.submittedAt} zone={zone} empty="Not yet" /> },
          { term: 'Approved', value: <When iso={r.approvedAt} zone={zone} empty="Not yet" /> },
          { term: 'Closed', value: <When iso={r.closedAt} zone={zone} empty="Not yet" /> },
          { term: 'Last changed', value: <When iso={r.updatedAt} zone={zone} /> },
        ]}
      />
      <p className="mt-3 text-xs text-gray-700">All times on this page are in {zone}, the release&apos;s time zone.</p>
    </div>
  );
}
