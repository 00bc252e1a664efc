import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AccessDenied } from '@/components/route/access-denied';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { allows } from '@/lib/server/authz';
import { requireUser } from '@/lib/server/session';
import { listTrains } from '@/lib/server/trains';
import { guard } from '@/app/_lib/guard';
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trains');
  return { title: t('title') };
}

export default async function TrainsPage() {
  const locale = await readerLocale();
  const actor = await requireUser();
  const loaded = await guard(() => listTrains(actor));
  const t = await getTranslations('trains');
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const trains = loaded.value;
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('list.description', { count: trains.length })}
        actions={
          allows(actor, 'train.write') ? (
            <ButtonLink href="/trains/new" variant="primary">
              {t('list.new')}
            </ButtonLink>
          ) : null
        }
      />
      {trains.length ? (
        <Table caption={t('list.caption')}>
          <THead>
            <tr>
              <Th>{t('list.train')}</Th>
              <Th>{t('list.departs')}</Th>
              <Th>{t('list.cutoff')}</Th>
              <Th>{t('list.environments')}</Th>
              <Th>{t('list.next')}</Th>
            </tr>
          </THead>
          <TBody>
            {trains.map((train) => (
              <Tr key={train.id}>
                <Td>
                  <Link href={`/trains/${train.slug}`} className="font-medium text-blue-800 underline">
                    {train.name}
                  </Link>
                  {train.active ? null : (
                    <>
                      {' '}
                      <Badge tone="stone">{t('retired')}</Badge>
                    </>
                  )}
                </Td>
                <Td>{localize(train.cadence, locale)}</Td>
                <Td>{localize(train.cutoff, locale)}</Td>
                <Td>{train.environments.map((e) => e.displayName).join(', ')}</Td>
                <Td className="tabular-nums">
                  {train.next ? (
                    <>
                      {train.next.departureText}
                      <span className="block text-xs text-gray-700">
                        {t('list.releases', { count: train.next.releases })} · {localize(train.next.countdown, locale)}
                      </span>
                    </>
                  ) : (
                    '—'
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title={t('list.emptyTitle')}>{t('list.empty')}</EmptyState>
      )}
    </>
  );
}
