import type { Metadata } from 'next';
import Link from 'next/link';
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

export const metadata: Metadata = { title: 'Templates' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TemplatesPage({ searchParams }: Props) {
  const actor = await requireUser();
  const showRetired = (await searchParams).retired === '1';
  const loaded = await guard(() => listTemplates(actor, { includeRetired: showRetired }));
  if (!loaded.ok) return <AccessDenied title="Templates" reason={loaded.message} />;
  const templates = loaded.value;
  const canWrite = allows(actor, 'template.write');
  const canCreate = allows(actor, 'release.create');
  return (
    <>
      <PageHeader
        title="Templates"
        description={
          canWrite
            ? 'Starting points for new releases. Save a release as a template from its overview page; saving again under the same name adds a version.'
            : 'Starting points for new releases, curated by admins and release managers.'
        }
      />
      <p className="mb-3 text-sm">
        {showRetired ? (
          <Link href="/templates" className="link">
            Hide retired templates
          </Link>
        ) : (
          <Link href="/templates?retired=1" className="link">
            Show retired templates too
          </Link>
        )}
      </p>
      {templates.length ? (
        <Table caption="Release templates">
          <THead>
            <tr>
              <Th>Template</Th>
              <Th>Holds</Th>
              <Th>Latest version</Th>
              {canCreate ? <Th>Start a release</Th> : null}
            </tr>
          </THead>
          <TBody>
            {templates.map((t) => (
              <Tr key={t.id}>
                <Td>
                  <Link href={`/templates/${t.id}`} className="link font-medium">
                    {t.name}
                  </Link>
                  <span className="mt-1 flex flex-wrap gap-1">
                    {t.standardChange ? <Badge tone="green">Standard change</Badge> : null}
                    {t.retired ? <Badge tone="gray">Retired</Badge> : null}
                  </span>
                  {t.description ? <span className="mt-1 block text-xs text-gray-700">{t.description}</span> : null}
                </Td>
                <Td className="text-gray-800">{t.summary}</Td>
                <Td>
                  v{t.latestVersion} · <When iso={t.updatedAt} zone="UTC" />
                </Td>
                {canCreate ? (
                  <Td>
                    {t.retired ? (
                      <span className="text-gray-700">Retired</span>
                    ) : (
                      <Link href={`/releases/new?template=${t.latestVersionId}`} className="link whitespace-nowrap">
                        New release from it<span className="sr-only"> ({t.name})</span>
                      </Link>
                    )}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <Nothing>
          No templates yet.{' '}
          {canWrite ? 'Open a release and use “Save as template” on its overview.' : 'Admins and release managers save releases as templates.'}
        </Nothing>
      )}
    </>
  );
}
