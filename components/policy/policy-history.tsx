import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { isLocale } from '@/lib/domain/locale';
import type { PolicyVersionSummaryDto } from '@/lib/server/policy';
import { localize } from '@/lib/server/say';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';

/** Every version of the policy: who, when, why and what changed. */
export function PolicyHistory({ versions }: { versions: PolicyVersionSummaryDto[] }) {
  const t = useTranslations('policy');
  const locale = useLocale();
  // the changes are sentences of lib/domain/policy-diff.ts, said in English: in the reader's language here
  const said = (text: string) => (isLocale(locale) ? localize(text, locale) : text);
  if (!versions.length) return <Nothing>{t('history.empty')}</Nothing>;
  return (
    <Table caption={t('history.caption')}>
      <THead>
        <tr>
          <Th>{t('history.version')}</Th>
          <Th>{t('history.saved')}</Th>
          <Th>{t('history.by')}</Th>
          <Th>{t('history.why')}</Th>
          <Th>{t('history.whatChanged')}</Th>
        </tr>
      </THead>
      <TBody>
        {versions.map((v, i) => (
          <Tr key={v.version}>
            <Td className="whitespace-nowrap">
              <Link href={`/policy/${v.version}`} className="link font-medium">
                {t('history.versionLink', { version: v.version })}
              </Link>
              {i === 0 ? (
                <Badge tone="green" className="ml-1.5">
                  {t('history.current')}
                </Badge>
              ) : null}
              {!v.valid ? (
                <Badge tone="red" className="ml-1.5">
                  {t('history.invalid')}
                </Badge>
              ) : null}
            </Td>
            <Td>
              <When iso={v.createdAt} />
            </Td>
            <Td className="whitespace-nowrap">{v.createdBy ?? <span className="text-gray-700">{t('system')}</span>}</Td>
            <Td className="min-w-48 text-xs break-words whitespace-pre-line">{v.note || <span className="text-gray-700">—</span>}</Td>
            <Td className="min-w-64 text-xs">
              {v.changes.length ? (
                <ul className="list-disc space-y-0.5 pl-4">
                  {v.changes.slice(0, 12).map((c, j) => (
                    <li key={j}>{said(c)}</li>
                  ))}
                  {v.changes.length > 12 ? <li>{t('history.more', { count: v.changes.length - 12 })}</li> : null}
                </ul>
              ) : (
                <span className="text-gray-700">{i === versions.length - 1 ? t('history.firstVersion') : t('history.noDifferences')}</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
