import { currentViewer } from '@/lib/server/viewer';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { AuditVerification } from '@/components/admin/audit-verification';
import { ClientMessages } from '@/components/i18n/client-messages';
import { formatUtc, formatWhen } from '@/components/format';
import { AccessDenied } from '@/components/route/access-denied';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { DateField } from '@/components/ui/date-field';
import { TextField } from '@/components/ui/field';
import { ClearFiltersLink, FilterBar } from '@/components/ui/filter-bar';
import { hrefWith } from '@/components/ui/href';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Panel } from '@/components/ui/panel';
import { lastVerification, listAuditEvents, type AuditRecordRef } from '@/lib/server/audit-trail';
import { requireUser } from '@/lib/server/session';
import { guard } from '@/app/_lib/guard';
import { bigintCursor, singleValues } from '@/app/_lib/search-params';
import { verifyAuditTrailAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin-audit');
  return { title: t('title') };
}

// the filter bar's columns (a const: relm/no-ui-literals reads a class list with spaces in an attribute as words)
const FILTER_GRID = 'sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(8rem,1fr))_repeat(2,minmax(8rem,10rem))_auto] lg:items-end';

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

function Json({ value }: { value: unknown }) {
  const t = useTranslations('admin-audit.change');
  if (value === null || value === undefined) return <span className="text-gray-700">{t('nothing')}</span>;
  let text = JSON.stringify(value, null, 2) ?? '';
  if (text.length > 20_000) text = `${text.slice(0, 20_000)}\n${t('cut')}`;
  return <pre className="max-h-64 overflow-auto rounded bg-gray-50 p-2 font-mono text-xs whitespace-pre-wrap text-gray-900">{text}</pre>;
}

/** A record by name, linked when it has a page; the recorded id when it is gone. */
function RecordName({ record, inline }: { record: AuditRecordRef; inline?: boolean }) {
  const cls = inline ? '' : 'block';
  if (!record.exists) return <span className={`${cls} font-mono text-gray-700`}>{record.label}</span>;
  if (!record.href) return <span className={cls}>{record.label}</span>;
  return (
    // at least 24 px tall: the trail's rows are dense and a link is a touch target (axe target-size)
    <Link href={record.href} className={`${inline ? 'inline-flex' : 'flex w-fit'} link min-h-6 items-center`}>
      {record.label}
    </Link>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const t = await getTranslations('admin-audit');
  const { before, ...rest } = singleValues(await searchParams, { action: 80, actor: 254, target: 120, from: 10, to: 10, before: 20 });
  const raw = { ...rest, before: bigintCursor(before) };
  const loaded = await guard(async () => {
    const [list, last] = await Promise.all([listAuditEvents(actor, raw), lastVerification(actor)]);
    return { list, last };
  });
  if (!loaded.ok) return <AccessDenied title={t('title')} reason={loaded.message} />;
  const { list, last } = loaded.value;
  const f = list.filters;
  const filterParams = { action: f.action, actor: f.actor, target: f.target, from: f.from, to: f.to };
  const filtered = !!(f.action || f.actor || f.target || f.from || f.to);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <a href={hrefWith('/admin/audit/export.csv', filterParams)} download className={buttonClasses('secondary')}>
            {t.rich('download', { sr: srOnly })}
          </a>
        }
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <FilterBar
            action="/admin/audit"
            label={t('filters.label')}
            className="mb-3"
            gridClassName={FILTER_GRID}
            showClear={filtered || !!f.before}
            clearLabel={t('filters.clear')}
          >
            <div>
              <TextField
                id="filter-action"
                name="action"
                label={t('filters.action')}
                list="audit-actions"
                placeholder="user.create"
                defaultValue={f.action ?? ''}
                maxLength={80}
              />
              <datalist id="audit-actions">
                {list.actions.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </div>
            <TextField
              id="filter-actor"
              name="actor"
              label={t('filters.actor')}
              placeholder={t('filters.actorPlaceholder')}
              defaultValue={f.actor ?? ''}
              maxLength={254}
            />
            <TextField
              id="filter-target"
              name="target"
              label={t('filters.target')}
              placeholder={t('filters.targetPlaceholder')}
              defaultValue={f.target ?? ''}
              maxLength={120}
            />
            <DateField id="filter-from" name="from" label={t('filters.from')} defaultValue={f.from ?? ''} />
            <DateField id="filter-to" name="to" label={t('filters.to')} defaultValue={f.to ?? ''} />
          </FilterBar>

          {list.events.length ? (
            <Table caption={f.before ? t('captionOlder', { before: f.before }) : t('caption')}>
              <THead>
                <tr>
                  <Th>{t('columns.seq')}</Th>
                  <Th>{t('columns.when')}</Th>
                  <Th>{t('columns.actor')}</Th>
                  <Th>{t('columns.action')}</Th>
                  <Th>{t('columns.target')}</Th>
                  <Th>{t('columns.change')}</Th>
                </tr>
              </THead>
              <TBody>
                {list.events.map((e) => (
                  <Tr key={e.seq}>
                    <Td className="font-mono text-xs text-gray-700 tabular-nums">{e.seq}</Td>
                    <Td className="text-xs whitespace-nowrap">
                      <time dateTime={e.at} title={formatUtc(e.at)}>
                        {formatWhen(e.at, viewer, { weekday: false })}
                      </time>
                    </Td>
                    <Td className="max-w-56 text-xs break-words">
                      {e.actorName && e.actorHref ? (
                        <Link href={e.actorHref} className="link inline-flex min-h-6 items-center">
                          {e.actorName}
                        </Link>
                      ) : (
                        <span className="break-all">{e.actorLabel}</span>
                      )}
                      {e.actorName ? <span className="block break-all text-gray-700">{e.actorLabel}</span> : null}
                      {e.actorType !== 'user' ? <span className="block text-gray-700">{e.actorType}</span> : null}
                    </Td>
                    <Td>
                      <code className="font-mono text-xs">{e.action}</code>
                    </Td>
                    <Td className="max-w-64 text-xs break-words">
                      <span className="text-gray-700">{e.targetType.replaceAll('_', ' ')}</span>
                      {e.target?.exists ? (
                        <RecordName record={e.target} />
                      ) : e.targetId ? (
                        <span className="block max-w-48 truncate font-mono text-gray-700" title={e.targetId}>
                          {e.targetId}
                          {e.target ? <span className="sr-only">{t('gone')}</span> : null}
                        </span>
                      ) : null}
                      {e.release && !(e.targetType === 'release' && e.targetId === e.releaseId) ? (
                        <span className="block">{t.rich('inRelease', { record: () => <RecordName record={e.release!} inline /> })}</span>
                      ) : null}
                    </Td>
                    <Td className="min-w-40 text-xs">
                      {e.before !== null || e.after !== null ? (
                        <details>
                          <summary className="link w-fit">{t.rich('change.toggle', { seq: e.seq, sr: srOnly })}</summary>
                          <div className="mt-2 grid min-w-72 grid-cols-1 gap-2 2xl:grid-cols-2">
                            <div>
                              <p className="mb-0.5 font-medium text-gray-800">{t('change.before')}</p>
                              <Json value={e.before} />
                            </div>
                            <div>
                              <p className="mb-0.5 font-medium text-gray-800">{t('change.after')}</p>
                              <Json value={e.after} />
                            </div>
                          </div>
                          <p className="mt-1 font-mono text-gray-700">
                            {e.clientRequestId
                              ? t('change.requestWithCaller', {
                                  requestId: e.requestId ?? '—',
                                  clientRequestId: e.clientRequestId,
                                  ip: e.ip ?? '—',
                                  hash: e.hash?.slice(0, 12) ?? '…',
                                })
                              : t('change.request', { requestId: e.requestId ?? '—', ip: e.ip ?? '—', hash: e.hash?.slice(0, 12) ?? '…' })}
                          </p>
                        </details>
                      ) : (
                        <span className="text-gray-700">—</span>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <EmptyState title={filtered ? t('empty.titleFiltered') : t('empty.title')} action={filtered ? <ClearFiltersLink href="/admin/audit" /> : undefined}>
              {t('empty.body')}
            </EmptyState>
          )}
          {list.nextBefore || f.before ? (
            <nav aria-label={t('pages')} className="mt-3 flex gap-2">
              {f.before ? (
                <Link href={hrefWith('/admin/audit', filterParams)} className={buttonClasses('secondary', 'sm')}>
                  {t('newest')}
                </Link>
              ) : null}
              {list.nextBefore ? (
                <Link href={hrefWith('/admin/audit', { ...filterParams, before: list.nextBefore })} className={buttonClasses('secondary', 'sm')}>
                  {t('older')}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
        <Panel headingId="verification-heading" title={t('verificationHeading')} selfStart>
          <ClientMessages namespaces={['admin-audit']}>
            <AuditVerification last={last} action={verifyAuditTrailAction} />
          </ClientMessages>
        </Panel>
      </div>
    </>
  );
}
