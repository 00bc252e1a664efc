import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { ReleaseDetailDto } from '@/lib/server/releases';
import { useStatusWords } from '@/components/i18n/status-words';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Digest, When } from '@/components/ui/text';
import type { Locale } from '@/lib/domain/locale';
import { localize } from '@/lib/server/say';

export function ApprovalsSection({
  r,
}: {
  r: Pick<ReleaseDetailDto, 'key' | 'status' | 'timezone' | 'approvalRequirements' | 'approvals'> & { package: { sealedDigest: string | null } | null };
}) {
  const t = useTranslations('release-page.approvals');
  const word = useStatusWords();
  const locale = useLocale() as Locale;
  const currentDigest = r.package?.sealedDigest ?? null;
  return (
    <Section
      id="approvals"
      title={t('title')}
      count={r.approvals.length}
      actions={
        r.status === 'submitted' ? (
          <Link href={`/approvals/${r.key}`} className="link text-sm">
            {t('openCard')}
          </Link>
        ) : null
      }
    >
      <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('requiredTitle')}</h3>
      {r.approvalRequirements.length ? (
        <Table caption={t('requirements.caption')} className="mb-4">
          <THead>
            <tr>
              <Th>{t('requirements.requirement')}</Th>
              <Th>{t('requirements.from')}</Th>
              <Th>{t('requirements.progress')}</Th>
              <Th>{t('requirements.state')}</Th>
            </tr>
          </THead>
          <TBody>
            {r.approvalRequirements.map((q) => (
              <Tr key={q.id}>
                <Td className="min-w-48">
                  {localize(q.description, locale)}
                  <span className="block font-mono text-xs text-gray-700">{q.key}</span>
                </Td>
                <Td className="text-xs">
                  {[word('role', q.role), q.team].filter(Boolean).join(' · ') || t('requirements.anyone')}
                  {q.distinctTeams ? <span className="block text-gray-700">{t('requirements.distinctTeams')}</span> : null}
                </Td>
                <Td className="whitespace-nowrap">{t('requirements.count', { given: Math.min(q.approvals, q.requiredCount), required: q.requiredCount })}</Td>
                <Td>{q.satisfiedAt ? <Badge tone="green">{t('requirements.satisfied')}</Badge> : <Badge tone="amber">{t('requirements.waiting')}</Badge>}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <div className="mb-4">
          <Nothing>{t('requirements.none')}</Nothing>
        </div>
      )}
      <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('decisionsTitle')}</h3>
      {r.approvals.length ? (
        <Table caption={t('decisions.caption')}>
          <THead>
            <tr>
              <Th>{t('decisions.approver')}</Th>
              <Th>{t('decisions.decision')}</Th>
              <Th>{t('decisions.comment')}</Th>
              <Th>{t('decisions.when')}</Th>
              <Th>{t('decisions.digest')}</Th>
              <Th>{t('decisions.validity')}</Th>
            </tr>
          </THead>
          <TBody>
            {r.approvals.map((a) => (
              <Tr key={a.id} id={`approval-${a.id}`} className="scroll-mt-4 target:bg-yellow-50">
                <Td className="whitespace-nowrap">
                  {a.approver}
                  {a.requirement ? <span className="block font-mono text-xs text-gray-700">{a.requirement}</span> : null}
                </Td>
                <Td>
                  {a.decision === 'approve' ? <Badge tone="green">{t('decisions.approved')}</Badge> : <Badge tone="red">{t('decisions.rejected')}</Badge>}
                </Td>
                <Td className="min-w-48 text-xs">{a.comment || <span className="text-gray-700">{t('decisions.noComment')}</span>}</Td>
                <Td className="text-xs">
                  <When iso={a.createdAt} zone={r.timezone} />
                </Td>
                <Td>
                  <Digest value={a.packageDigest} />
                  {currentDigest && a.packageDigest !== currentDigest && !a.invalidatedAt ? (
                    <span className="block text-xs text-red-800">{t('decisions.notCurrentSeal')}</span>
                  ) : null}
                </Td>
                <Td className="text-xs">
                  {a.invalidatedAt ? (
                    <>
                      <Badge tone="stone">{t('decisions.invalidated')}</Badge>
                      <span className="block text-gray-700">
                        <When iso={a.invalidatedAt} zone={r.timezone} />
                        {a.invalidatedReason ? `: ${a.invalidatedReason}` : ''}
                      </span>
                    </>
                  ) : a.expiresAt ? (
                    <span>{t.rich('decisions.validUntil', { when: () => <When iso={a.expiresAt} zone={r.timezone} /> })}</span>
                  ) : (
                    <span>{t('decisions.valid')}</span>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <Nothing>{t('decisions.none')}</Nothing>
      )}
    </Section>
  );
}
