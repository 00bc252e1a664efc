import Link from 'next/link';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import {
  addPackageBuildAction,
  applyScopeChangeAction,
  decideScopeChangeAction,
  removePackageBuildAction,
  requestScopeChangeAction,
  sealPackageAction,
  verifyPackageAction,
} from '../package-actions';
import { AddBuildForm, RemoveItemButton, SealForm, VerifyForm } from '@/components/packages/package-forms';
import { ScopeChangeDecision, ScopeChangeRequestForm } from '@/components/packages/scope-change-forms';
import { Badge, type Tone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { Digest, When } from '@/components/ui/text';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getPackageView, localizePackageView, type PackageView } from '@/lib/server/packages';
import { requireUser } from '@/lib/server/session';

const SCOPE_TONE: Record<PackageView['scopeChanges'][number]['status'], Tone> = {
  pending: 'amber',
  approved: 'blue',
  rejected: 'red',
  applied: 'green',
  withdrawn: 'gray',
};

function Card({ children, title, id }: { children: ReactNode; title?: string; id?: string }) {
  return (
    <div className="rounded-md border border-gray-200 bg-white p-3" {...(title && id ? { role: 'group', 'aria-labelledby': id } : {})}>
      {title && id ? (
        <h3 id={id} className="mb-2 text-sm font-semibold text-gray-900">
          {title}
        </h3>
      ) : null}
      {children}
    </div>
  );
}

/** The release's package: items, compatibility, seal and integrity, and scope change requests. Loads its own data. */
export async function PackagePanel({ release: ref }: { release: ReleaseRef }) {
  const actor = await requireUser();
  const t = await getTranslations('release-page.package');
  const view = await getPackageView(actor, ref);
  if (!view) return null;
  // why editing is blocked, compatibility and integrity problems: in the reader's language
  const v = localizePackageView(view, await getLocale());
  const { release, can } = v;
  const sealed = !!v.package?.sealedDigest;
  const zone = release.timezone;

  return (
    <Section
      id="package"
      title={t('title')}
      count={v.items.length}
      bare
      actions={
        <Link href={`/releases/${release.key}/diff`} className={buttonClasses('secondary', 'sm')}>
          {t('diffLink')}
        </Link>
      }
    >
      <div className="space-y-3">
        <Card>
          {sealed && v.package ? (
            <div className="space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <Badge tone="green">{t('seal.sealed')}</Badge>
                <span className="text-gray-800">
                  {t('seal.revision', { revision: v.package.revision })}
                  {v.package.sealedAt ? (
                    <>
                      , <When iso={v.package.sealedAt} zone={zone} />
                    </>
                  ) : null}
                  {v.seals[0]?.sealedBy ? t('seal.by', { name: v.seals[0].sealedBy }) : ''}
                </span>
              </p>
              <p>
                <span className="text-xs font-medium text-gray-700">{t('seal.manifestDigest')}</span>
                <Digest value={v.package.sealedDigest} full />
              </p>
              <div className="pt-2">
                <VerifyForm
                  action={verifyPackageAction}
                  releaseKey={release.key}
                  last={
                    v.integrity
                      ? {
                          ok: v.integrity.ok,
                          problems: v.integrity.problems,
                          verifiedAt: v.integrity.verifiedAt,
                          revision: v.integrity.revision,
                          by: v.integrity.by,
                        }
                      : null
                  }
                />
              </div>
            </div>
          ) : (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone="amber">{t('seal.notSealed')}</Badge>
              <span className="text-gray-800">{t('seal.mustSeal')}</span>
            </p>
          )}
        </Card>

        {v.compatibility.length ? (
          <div
            className="rounded-md border border-red-300 bg-red-50 p-3"
            role="group"
            aria-labelledby="package-compat-heading"
            data-testid="compatibility-problems"
          >
            <h3 id="package-compat-heading" className="text-sm font-semibold text-red-900">
              {v.targets.length
                ? t('compatibility.problemsAgainst', { count: v.compatibility.length, targets: v.targets.join(', ') })
                : t('compatibility.problemsWithin', { count: v.compatibility.length })}
            </h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-red-900">
              {v.compatibility.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
          </div>
        ) : v.items.length ? (
          <p className="text-sm text-gray-800">
            <Badge tone="green">{t('compatibility.compatible')}</Badge>{' '}
            {v.targets.length ? t('compatibility.metIn', { targets: v.targets.join(', ') }) : t('compatibility.metWithin')}
          </p>
        ) : null}

        {v.items.length ? (
          <Table caption={t('items.caption')}>
            <THead>
              <tr>
                <Th>{t('items.component')}</Th>
                <Th>{t('items.version')}</Th>
                <Th>{t('items.digest')}</Th>
                <Th>{t('items.notes')}</Th>
                <Th>{t('items.producedBy')}</Th>
                {can.editDirectly ? (
                  <Th>
                    <span className="sr-only">{t('items.actions')}</span>
                  </Th>
                ) : null}
              </tr>
            </THead>
            <TBody>
              {v.items.map((i) => (
                <Tr key={i.component}>
                  <Td className="whitespace-nowrap">
                    <span className="font-mono text-xs font-semibold">{i.component}</span>
                    <span className="ml-1 text-xs text-gray-700">{t('items.tier', { tier: i.tier })}</span>
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">{i.version}</Td>
                  <Td>
                    <Digest value={i.digest} />
                  </Td>
                  <Td className="max-w-lg text-xs">
                    {i.notes ? <p className="whitespace-pre-line">{i.notes}</p> : <span className="text-gray-700">{t('items.noNotes')}</span>}
                    {i.workItems.length ? (
                      <ul className="mt-1 flex flex-wrap gap-1">
                        {i.workItems.map((w) => (
                          <li key={w.key}>
                            {w.url ? (
                              <a href={w.url} className="link font-mono" rel="noreferrer noopener" target="_blank">
                                {w.key}
                                <span className="sr-only">{t('items.newTab')}</span>
                              </a>
                            ) : (
                              <span className="font-mono">{w.key}</span>
                            )}
                            {w.title ? <span className="text-gray-700"> {w.title}</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </Td>
                  <Td className="text-xs">
                    {i.producedBy}
                    {i.sourceCommit ? (
                      <span className="block font-mono text-gray-700">
                        {i.sourceBranch ? `${i.sourceBranch} @ ` : ''}
                        {i.sourceCommit.slice(0, 10)}
                      </span>
                    ) : null}
                  </Td>
                  {can.editDirectly ? (
                    <Td>
                      <RemoveItemButton
                        action={removePackageBuildAction}
                        releaseKey={release.key}
                        version={release.version}
                        component={i.component}
                        itemVersion={i.version}
                      />
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </TBody>
          </Table>
        ) : (
          <Card>
            <Nothing>{t('items.none')}</Nothing>
          </Card>
        )}

        {can.editDirectly ? (
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            <Card title={t('addBuild')} id="package-add-heading">
              <AddBuildForm action={addPackageBuildAction} releaseKey={release.key} version={release.version} candidates={v.candidates} />
            </Card>
            <Card>
              <SealForm
                action={sealPackageAction}
                releaseKey={release.key}
                version={release.version}
                itemCount={v.items.length}
                problemCount={v.compatibility.length}
              />
            </Card>
          </div>
        ) : can.editBlockedReason && !sealed ? (
          <p className="text-sm text-gray-700">{can.editBlockedReason}</p>
        ) : null}

        {v.seals.length ? (
          <Table caption={t('seals.caption')} captionHidden={false}>
            <THead>
              <tr>
                <Th>{t('seals.revision')}</Th>
                <Th>{t('seals.digest')}</Th>
                <Th>{t('seals.builds')}</Th>
                <Th>{t('seals.reason')}</Th>
                <Th>{t('seals.sealed')}</Th>
              </tr>
            </THead>
            <TBody>
              {v.seals.map((s) => (
                <Tr key={s.id}>
                  <Td>{s.revision}</Td>
                  <Td>
                    <Digest value={s.digest} />
                  </Td>
                  <Td>{s.itemCount}</Td>
                  <Td className="max-w-md text-xs break-words">{s.reason || '—'}</Td>
                  <Td className="text-xs">
                    <When iso={s.sealedAt} zone={zone} />
                    {s.sealedBy ? t('seal.by', { name: s.sealedBy }) : ''}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        ) : null}

        {sealed || v.scopeChanges.length ? (
          <Card title={t('scope.title')} id="package-scope-heading">
            <div className="space-y-3">
              {v.scopeChanges.length === 0 ? <Nothing>{t('scope.none')}</Nothing> : null}
              {v.scopeChanges.length ? (
                <ul className="space-y-2">
                  {v.scopeChanges.map((r) => (
                    <li key={r.id} className="rounded-md border border-gray-200 p-2 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge tone={SCOPE_TONE[r.status]}>{t(`scope.status.${r.status}`)}</Badge>
                        <span className="text-gray-800">
                          {t.rich('scope.requestedBy', { name: r.requestedBy.name, when: () => <When iso={r.createdAt} zone={zone} /> })}
                        </span>
                        {r.appliedRevision ? <span className="text-xs text-gray-700">{t('scope.resealed', { revision: r.appliedRevision })}</span> : null}
                      </div>
                      <ul className="mt-1 list-disc pl-5">
                        {r.items.map((i) => (
                          <li key={i.component}>
                            {i.action === 'remove' ? (
                              t.rich('scope.remove', { component: i.component, code: (c) => <span className="font-mono text-xs">{c}</span> })
                            ) : (
                              <>
                                {t.rich('scope.add', { build: `${i.component}@${i.version}`, code: (c) => <span className="font-mono text-xs">{c}</span> })}
                                {i.replaces && r.status !== 'applied' ? (
                                  <span className="text-gray-700">{t('scope.replaces', { replaces: i.replaces })}</span>
                                ) : null}
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                      <p className="mt-1 break-words whitespace-pre-line text-gray-900">
                        <span className="text-xs font-medium text-gray-700">{t('scope.reason')}</span>
                        {r.reason}
                      </p>
                      {r.decidedBy ? (
                        <p className="mt-1 text-xs text-gray-800">
                          {r.status === 'rejected' ? t('scope.rejectedBy', { name: r.decidedBy }) : t('scope.approvedBy', { name: r.decidedBy })}
                          {r.decidedAt ? (
                            <>
                              , <When iso={r.decidedAt} zone={zone} />
                            </>
                          ) : null}
                          {r.decisionComment ? `: ${r.decisionComment}` : ''}
                        </p>
                      ) : null}
                      <div className="mt-2">
                        <ScopeChangeDecision
                          decideAction={decideScopeChangeAction}
                          applyAction={applyScopeChangeAction}
                          releaseKey={release.key}
                          requestId={r.id}
                          status={r.status}
                          canDecide={can.decide}
                          canApply={can.apply}
                          ownRequest={r.requestedBy.id === actor.id}
                        />
                      </div>
                    </li>
                  ))}
                </ul>
              ) : null}
              {can.requestScopeChange ? (
                <details className="rounded-md border border-gray-200 p-2">
                  <summary className="cursor-pointer text-sm font-medium text-gray-900">{t('scope.request')}</summary>
                  <div className="mt-2">
                    <ScopeChangeRequestForm
                      action={requestScopeChangeAction}
                      releaseKey={release.key}
                      candidates={v.candidates}
                      packaged={v.items.map((i) => ({ component: i.component, version: i.version }))}
                    />
                  </div>
                </details>
              ) : can.scopeChangeBlockedReason && sealed ? (
                <p className="text-xs text-gray-700">{can.scopeChangeBlockedReason}</p>
              ) : null}
            </div>
          </Card>
        ) : null}
      </div>
    </Section>
  );
}
