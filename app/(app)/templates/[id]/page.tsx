import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { TemplateAdminForms } from '@/components/templates/template-admin-forms';
import { ClientMessages } from '@/components/i18n/client-messages';
import { allows } from '@/lib/server/authz';
import { requireUser } from '@/lib/server/session';
import { getTemplate } from '@/lib/server/templates';
import { releaseHref } from '@/lib/domain/release-parts';
import { renameTemplateAction, retireTemplateAction } from '../actions';
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** template times are shown in UTC */
const TEMPLATE_ZONE = 'UTC';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('templates.detail');
  return { title: t('title') };
}

export default async function TemplatePage({ params, searchParams }: Props) {
  const locale = await readerLocale();
  const [actor, t] = await Promise.all([requireUser(), getTranslations('templates.detail')]);
  const { id } = await params;
  const raw = (await searchParams).version;
  const version = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
  const tpl = await getTemplate(actor, id, version);
  if (!tpl) notFound();
  const v = tpl.shown;
  const b = v.body;
  const latest = tpl.versions[0]!;
  const person = (uid: string | null) => (uid ? (tpl.people[uid] ?? t('formerUser')) : t('nobody'));
  /** "v3 saved by Ann on <date> from REL-12": the version a link unless it is the one shown */
  const versionLine = (x: (typeof tpl.versions)[number]) => {
    const args = {
      version: x.version,
      by: x.savedByName || t('someone'),
      v: (chunks: ReactNode) =>
        x.id === v.id ? (
          <span className="font-medium" aria-current="page">
            {chunks}
          </span>
        ) : (
          <Link href={`/templates/${tpl.id}?version=${x.version}`} className="link">
            {chunks}
          </Link>
        ),
      when: () => <When iso={x.createdAt} zone={TEMPLATE_ZONE} />,
    };
    return x.sourceReleaseKey
      ? t.rich('versions.savedFrom', {
          ...args,
          release: x.sourceReleaseKey,
          link: (chunks) => (
            <Link href={releaseHref(x.sourceReleaseKey!)} className="link">
              {chunks}
            </Link>
          ),
        })
      : t.rich('versions.saved', args);
  };
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/templates" className="link">
          {t('back')}
        </Link>
      </p>
      <PageHeader
        title={t('heading', { name: tpl.name, version: v.version })}
        description={tpl.description || undefined}
        meta={
          <span className="flex flex-wrap gap-1">
            {tpl.standardChange ? <Badge tone="green">{t('standardChange')}</Badge> : null}
            {tpl.retired ? <Badge tone="gray">{t('retired')}</Badge> : null}
            {v.id !== latest.id ? <Badge tone="amber">{t('olderVersion', { latest: latest.version })}</Badge> : null}
          </span>
        }
        actions={
          allows(actor, 'release.create') && !tpl.retired ? (
            <Link href={`/releases/new?template=${v.id}`} className="link whitespace-nowrap">
              {t('newRelease', { version: v.version })}
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Section id="versions" title={t('versions.title')} count={tpl.versions.length}>
          <ul className="space-y-1 text-sm">
            {tpl.versions.map((x) => (
              <li key={x.id}>{versionLine(x)}</li>
            ))}
          </ul>
        </Section>
        {!b ? (
          <Section id="body" title={t('contents')}>
            <Nothing>
              {t('invalid', {
                problems: v.problems
                  .slice(0, 3)
                  .map((p) => localize(p, locale))
                  .join(locale === 'fr' ? '\u202f; ' : '; '),
              })}
            </Nothing>
          </Section>
        ) : (
          <>
            <Section id="details" title={t('details.title')}>
              <DescriptionList
                columns={3}
                items={[
                  { term: t('details.type'), value: b.type },
                  { term: t('details.suggestedTitle'), value: b.title || '—' },
                  { term: t('details.timeZone'), value: b.timezone },
                  { term: t('details.environments'), value: b.environments.join(', ') || '—' },
                  { term: t('details.components'), value: b.components.join(', ') || '—', double: true },
                  {
                    term: t('details.stakeholders'),
                    value:
                      b.stakeholders
                        .map((s) => (s.note ? t('details.stakeholderNote', { name: person(s.userId), note: s.note }) : person(s.userId)))
                        .join(', ') || '—',
                  },
                ]}
              />
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                <div>
                  <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('details.description')}</h3>
                  <MarkdownText text={b.description} empty={t('details.none')} />
                </div>
                <div>
                  <h3 className="mb-1 text-xs font-semibold text-gray-800">{t('details.justification')}</h3>
                  <MarkdownText text={b.businessJustification} empty={t('details.none')} />
                </div>
              </div>
            </Section>
            <Section id="plan" title={t('plan.title')} count={b.tasks.length}>
              {b.tasks.length ? (
                <Table caption={t('plan.caption')}>
                  <THead>
                    <tr>
                      <Th>#</Th>
                      <Th>{t('plan.task')}</Th>
                      <Th>{t('plan.estimate')}</Th>
                      <Th>{t('plan.dependsOn')}</Th>
                      <Th>{t('plan.owner')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {b.tasks.map((task, i) => (
                      <Tr key={i}>
                        <Td>{i + 1}</Td>
                        <Td>{task.name}</Td>
                        <Td>{t('minutes', { minutes: task.estimateMinutes })}</Td>
                        <Td>{task.dependsOn.map((d) => `${d + 1}. ${b.tasks[d]?.name ?? ''}`).join(', ') || '—'}</Td>
                        <Td>{person(task.ownerId)}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              ) : (
                <Nothing>{t('plan.none')}</Nothing>
              )}
            </Section>
            <Section id="risks" title={t('risks.title')} count={b.risks.length}>
              {b.risks.length ? (
                <Table caption={t('risks.caption')}>
                  <THead>
                    <tr>
                      <Th>{t('risks.risk')}</Th>
                      <Th>{t('risks.score')}</Th>
                      <Th>{t('risks.status')}</Th>
                      <Th>{t('risks.mitigation')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {b.risks.map((r, i) => (
                      <Tr key={i}>
                        <Td>{r.title}</Td>
                        <Td>
                          {r.likelihood} × {r.impact} = {r.likelihood * r.impact}
                        </Td>
                        <Td>{r.status}</Td>
                        <Td>{r.mitigation || '—'}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              ) : (
                <Nothing>{t('risks.none')}</Nothing>
              )}
            </Section>
            <Section id="backout" title={t('backout.title')}>
              {b.backout ? (
                <>
                  <p className="mb-2 text-sm text-gray-800">
                    {t('backout.summary', { minutes: b.backout.expectedDurationMinutes, trigger: b.backout.triggerCriteria })}
                  </p>
                  <ol className="list-decimal space-y-0.5 pl-5 text-sm">
                    {b.backout.steps.map((s, i) => (
                      <li key={i}>
                        {s.description}{' '}
                        {s.expectedMinutes ? <span className="text-gray-700">{t('backout.stepMinutes', { minutes: s.expectedMinutes })}</span> : null}
                      </li>
                    ))}
                  </ol>
                </>
              ) : (
                <Nothing>{t('backout.none')}</Nothing>
              )}
            </Section>
            <Section id="handover" title={t('handover.title')}>
              {b.handover ? (
                <DescriptionList
                  columns={2}
                  items={[
                    { term: t('handover.whatChanged'), value: <MarkdownText text={b.handover.whatChanged} empty="—" /> },
                    { term: t('handover.runbook'), value: <MarkdownText text={b.handover.runbook} empty="—" /> },
                    { term: t('handover.monitoring'), value: <MarkdownText text={b.handover.monitoring} empty="—" /> },
                    { term: t('handover.knownErrors'), value: <MarkdownText text={b.handover.knownErrors} empty="—" /> },
                    { term: t('handover.supportContacts'), value: <MarkdownText text={b.handover.supportContacts} empty="—" /> },
                  ]}
                />
              ) : (
                <Nothing>{t('handover.none')}</Nothing>
              )}
            </Section>
          </>
        )}
        {tpl.canWrite ? (
          <Section id="curate" title={t('curate')}>
            <ClientMessages namespaces={['templates']}>
              <TemplateAdminForms
                templateId={tpl.id}
                name={tpl.name}
                retired={tpl.retired}
                renameAction={renameTemplateAction}
                retireAction={retireTemplateAction}
              />
            </ClientMessages>
          </Section>
        ) : null}
      </div>
    </>
  );
}
