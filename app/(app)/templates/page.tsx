import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { AccessDenied } from '@/components/route/access-denied';
import { allows } from '@/lib/server/authz';
import { requireUser } from '@/lib/server/session';
import { listTemplates } from '@/lib/server/templates';
import { guard } from '@/app/_lib/guard';
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

/** template times are shown in UTC */
const TEMPLATE_ZONE = 'UTC';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('templates.list');
  return { title: t('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TemplatesPage({ searchParams }: Props) {
  const locale = await readerLocale();
  const [actor, t] = await Promise.all([requireUser(), getTranslations('templates.list')]);
  const showRetired = (await searchParams).retired === '1';
  const loaded = await guard(() => listTemplates(actor, { includeRetired: showRetired }));
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  // what each template holds, or that it is not valid any more: in the reader's language
  const templates = loaded.value.map((x) => ({ ...x, summary: localize(x.summary, locale) }));
  const canWrite = allows(actor, 'template.write');
  const canCreate = allows(actor, 'release.create');
  return (
    <>
      <PageHeader title={t('title')} description={canWrite ? t('descriptionWriter') : t('description')} />
      <p className="mb-3 text-sm">
        {showRetired ? (
          <Link href="/templates" className="link">
            {t('hideRetired')}
          </Link>
        ) : (
          <Link href="/templates?retired=1" className="link">
            {t('showRetired')}
          </Link>
        )}
      </p>
      {templates.length ? (
        <Table caption={t('caption')}>
          <THead>
            <tr>
              <Th>{t('columns.template')}</Th>
              <Th>{t('columns.holds')}</Th>
              <Th>{t('columns.latest')}</Th>
              {canCreate ? <Th>{t('columns.start')}</Th> : null}
            </tr>
          </THead>
          <TBody>
            {templates.map((x) => (
              <Tr key={x.id}>
                <Td>
                  <Link href={`/templates/${x.id}`} className="link font-medium">
                    {x.name}
                  </Link>
                  <span className="mt-1 flex flex-wrap gap-1">
                    {x.standardChange ? <Badge tone="green">{t('standardChange')}</Badge> : null}
                    {x.retired ? <Badge tone="gray">{t('retired')}</Badge> : null}
                  </span>
                  {x.description ? <span className="mt-1 block text-xs text-gray-700">{x.description}</span> : null}
                </Td>
                <Td className="text-gray-800">{x.summary}</Td>
                <Td>{t.rich('latest', { version: x.latestVersion, when: () => <When iso={x.updatedAt} zone={TEMPLATE_ZONE} /> })}</Td>
                {canCreate ? (
                  <Td>
                    {x.retired ? (
                      <span className="text-gray-700">{t('retired')}</span>
                    ) : (
                      <Link href={`/releases/new?template=${x.latestVersionId}`} className="link whitespace-nowrap">
                        {t.rich('newRelease', { name: x.name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                      </Link>
                    )}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <Nothing>{canWrite ? t('emptyWriter') : t('empty')}</Nothing>
      )}
    </>
  );
}
