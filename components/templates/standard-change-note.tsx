import Link from 'next/link';
import { useTranslations } from 'next-intl';

export interface StandardChangeNoteProps {
  template: { id: string; name: string; version: number } | null;
  preApproved: { decision: string; at: string } | null;
  notPreApproved: string | null;
  wouldBePreApproved?: string | null;
}

/**
 * Where a release came from and what the standard-change path decided
 * (docs/decisions/045-standard-changes.md): the recorded pre-approval, or which limit
 * brought the normal approval rules back. Nothing when neither applies.
 */
export function StandardChangeNote({ s, showTemplate = true }: { s: StandardChangeNoteProps | null; showTemplate?: boolean }) {
  const t = useTranslations('templates.standardChange');
  if (!s || (!s.template && !s.preApproved && !s.notPreApproved)) return null;
  const tone = s.preApproved ? 'border-green-300 bg-green-50' : s.notPreApproved ? 'border-amber-300 bg-amber-50' : 'border-gray-200 bg-white';
  return (
    <div role="note" aria-label={t('label')} data-testid="standard-change" className={`mb-4 rounded-md border p-3 text-sm text-gray-900 ${tone}`}>
      {showTemplate && s.template ? (
        <p>
          {t.rich('startedFrom', {
            name: s.template.name,
            version: s.template.version,
            link: (chunks) => (
              <Link href={`/templates/${s.template!.id}?version=${s.template!.version}`} className="link">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {s.preApproved ? (
        <p className="font-medium">
          <span aria-hidden="true">✓ </span>
          {t('preApproved', { decision: s.preApproved.decision })}
        </p>
      ) : null}
      {s.notPreApproved ? <p className="font-medium">{s.notPreApproved}</p> : null}
      {!s.preApproved && !s.notPreApproved && s.wouldBePreApproved ? <p>{s.wouldBePreApproved}</p> : null}
    </div>
  );
}
