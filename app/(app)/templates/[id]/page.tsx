import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { Nothing } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { When } from '@/components/ui/text';
import { MarkdownText } from '@/components/ui/markdown';
import { TemplateAdminForms } from '@/components/templates/template-admin-forms';
import { allows } from '@/lib/server/authz';
import { requireUser } from '@/lib/server/session';
import { getTemplate } from '@/lib/server/templates';
import { releaseHref } from '@/lib/domain/release-parts';
import { renameTemplateAction, retireTemplateAction } from '../actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Template' };

export default async function TemplatePage({ params, searchParams }: Props) {
  const actor = await requireUser();
  const { id } = await params;
  const raw = (await searchParams).version;
  const version = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
  const t = await getTemplate(actor, id, version);
  if (!t) notFound();
  const v = t.shown;
  const b = v.body;
  const latest = t.versions[0]!;
  const person = (uid: string | null) => (uid ? (t.people[uid] ?? 'a former user') : 'nobody');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/templates" className="link">
          ← All templates
        </Link>
      </p>
      <PageHeader
        title={`${t.name} v${v.version}`}
        description={t.description || undefined}
        meta={
          <span className="flex flex-wrap gap-1">
            {t.standardChange ? <Badge tone="green">Standard change (pre-approved by the policy)</Badge> : null}
            {t.retired ? <Badge tone="gray">Retired</Badge> : null}
            {v.id !== latest.id ? <Badge tone="amber">Older version: the latest is v{latest.version}</Badge> : null}
          </span>
        }
        actions={
          allows(actor, 'release.create') && !t.retired ? (
            <Link href={`/releases/new?template=${v.id}`} className="link whitespace-nowrap">
              New release from v{v.version}
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Section id="versions" title="Versions" count={t.versions.length}>
          <ul className="space-y-1 text-sm">
            {t.versions.map((x) => (
              <li key={x.id}>
                {x.id === v.id ? (
                  <span className="font-medium" aria-current="page">
                    v{x.version}
                  </span>
                ) : (
                  <Link href={`/templates/${t.id}?version=${x.version}`} className="link">
                    v{x.version}
                  </Link>
                )}{' '}
                saved by {x.savedByName || 'someone'} on <When iso={x.createdAt} zone="UTC" />
                {x.sourceReleaseKey ? (
                  <>
                    {' '}
                    from{' '}
                    <Link href={releaseHref(x.sourceReleaseKey)} className="link">
                      {x.sourceReleaseKey}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
        {!b ? (
          <Section id="body" title="Contents">
            <Nothing>This version is not valid any more: {v.problems.slice(0, 3).join('; ')}.</Nothing>
          </Section>
        ) : (
          <>
            <Section id="details" title="Release details">
              <DescriptionList
                columns={3}
                items={[
                  { term: 'Type', value: b.type },
                  { term: 'Suggested title', value: b.title || '—' },
                  { term: 'Time zone', value: b.timezone },
                  { term: 'Target environments', value: b.environments.join(', ') || '—' },
                  { term: 'Components', value: b.components.join(', ') || '—', double: true },
                  { term: 'Stakeholders', value: b.stakeholders.map((s) => (s.note ? `${person(s.userId)} (${s.note})` : person(s.userId))).join(', ') || '—' },
                ]}
              />
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                <div>
                  <h3 className="mb-1 text-xs font-semibold text-gray-800">Description</h3>
                  <MarkdownText text={b.description} empty="None." />
                </div>
                <div>
                  <h3 className="mb-1 text-xs font-semibold text-gray-800">Business justification</h3>
                  <MarkdownText text={b.businessJustification} empty="None." />
                </div>
              </div>
            </Section>
            <Section id="plan" title="Plan tasks" count={b.tasks.length}>
              {b.tasks.length ? (
                <Table caption="Plan tasks of the template">
                  <THead>
                    <tr>
                      <Th>#</Th>
                      <Th>Task</Th>
                      <Th>Estimate</Th>
                      <Th>Depends on</Th>
                      <Th>Owner</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {b.tasks.map((task, i) => (
                      <Tr key={i}>
                        <Td>{i + 1}</Td>
                        <Td>{task.name}</Td>
                        <Td>{task.estimateMinutes} min</Td>
                        <Td>{task.dependsOn.map((d) => `${d + 1}. ${b.tasks[d]?.name ?? ''}`).join(', ') || '—'}</Td>
                        <Td>{person(task.ownerId)}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              ) : (
                <Nothing>No plan tasks.</Nothing>
              )}
            </Section>
            <Section id="risks" title="Standard risks" count={b.risks.length}>
              {b.risks.length ? (
                <Table caption="Standard risks of the template">
                  <THead>
                    <tr>
                      <Th>Risk</Th>
                      <Th>Likelihood × impact</Th>
                      <Th>Status</Th>
                      <Th>Mitigation</Th>
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
                <Nothing>No standard risks.</Nothing>
              )}
            </Section>
            <Section id="backout" title="Back-out plan">
              {b.backout ? (
                <>
                  <p className="mb-2 text-sm text-gray-800">
                    Expected {b.backout.expectedDurationMinutes} min. Triggered when: {b.backout.triggerCriteria}
                  </p>
                  <ol className="list-decimal space-y-0.5 pl-5 text-sm">
                    {b.backout.steps.map((s, i) => (
                      <li key={i}>
                        {s.description} {s.expectedMinutes ? <span className="text-gray-700">({s.expectedMinutes} min)</span> : null}
                      </li>
                    ))}
                  </ol>
                </>
              ) : (
                <Nothing>No back-out plan.</Nothing>
              )}
            </Section>
            <Section id="handover" title="Handover skeleton">
              {b.handover ? (
                <DescriptionList
                  columns={2}
                  items={[
                    { term: 'What changed', value: <MarkdownText text={b.handover.whatChanged} empty="—" /> },
                    { term: 'Runbook', value: <MarkdownText text={b.handover.runbook} empty="—" /> },
                    { term: 'Monitoring', value: <MarkdownText text={b.handover.monitoring} empty="—" /> },
                    { term: 'Known errors', value: <MarkdownText text={b.handover.knownErrors} empty="—" /> },
                    { term: 'Support contacts', value: <MarkdownText text={b.handover.supportContacts} empty="—" /> },
                  ]}
                />
              ) : (
                <Nothing>No handover notes.</Nothing>
              )}
            </Section>
          </>
        )}
        {t.canWrite ? (
          <Section id="curate" title="Curate">
            <TemplateAdminForms templateId={t.id} name={t.name} retired={t.retired} renameAction={renameTemplateAction} retireAction={retireTemplateAction} />
          </Section>
        ) : null}
      </div>
    </>
  );
}
