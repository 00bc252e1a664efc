import { getTranslations, getLocale } from 'next-intl/server';
import { useTranslations } from 'next-intl';
import { currentViewer } from '@/lib/server/viewer';
import { formatWhen, formatWhenBeside } from '@/components/format';
import { Badge } from '@/components/ui/badge';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { FreezeWindowDto } from '@/lib/server/freezes';
import { localize } from '@/lib/server/say';

export function FreezeStatus({ freeze }: { freeze: Pick<FreezeWindowDto, 'active' | 'inForceNow' | 'next'> }) {
  const t = useTranslations('freezes.status');
  if (!freeze.active) return <Badge tone="gray">{t('inactive')}</Badge>;
  if (freeze.inForceNow) return <Badge tone="red">{t('inForce')}</Badge>;
  return freeze.next.length ? <Badge tone="amber">{t('active')}</Badge> : <Badge tone="stone">{t('activeNoUpcoming')}</Badge>;
}

/** Freeze windows with scope, recurrence and next occurrences (in each freeze's own zone). */
export async function FreezeTable({ freezes, hrefOf, caption }: { freezes: FreezeWindowDto[]; hrefOf?: (id: string) => string; caption: string }) {
  const [viewer, t, locale] = await Promise.all([currentViewer(), getTranslations('freezes.table'), getLocale()]);
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t('freeze')}</Th>
          <Th>{t('scope')}</Th>
          <Th>{t('when')}</Th>
          <Th>{t('next')}</Th>
          <Th>{t('status')}</Th>
        </tr>
      </THead>
      <TBody>
        {freezes.map((f) => (
          <Tr key={f.id}>
            <Td className="min-w-48">
              {hrefOf ? (
                <a href={hrefOf(f.id)} className="link font-medium">
                  {f.name}
                </a>
              ) : (
                <span className="font-medium text-gray-900">{f.name}</span>
              )}
              <p className="mt-0.5 line-clamp-2 text-xs text-gray-700">{f.reason}</p>
            </Td>
            <Td className="text-xs">{localize(f.scope, locale)}</Td>
            <Td className="text-xs">{localize(f.description, locale)}</Td>
            <Td className="text-xs whitespace-nowrap tabular-nums">
              {f.next.length ? (
                <ul className="space-y-0.5">
                  {f.next.map((o) => (
                    <li key={o.start}>
                      {formatWhen(o.start, viewer)} – {formatWhenBeside(o.end, viewer, f.timezone, { whose: 'freeze' })}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-gray-700">{t('none')}</span>
              )}
            </Td>
            <Td>
              <FreezeStatus freeze={f} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
