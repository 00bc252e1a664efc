import { currentViewer } from '@/lib/server/viewer';
import Link from 'next/link';
import { getTranslations, getLocale } from 'next-intl/server';
import { confirmFreezeOverrideAction, refuseFreezeOverrideAction, requestFreezeOverrideAction } from '../freeze-actions';
import { OverrideDecision, OverrideRequestForm } from '@/components/freezes/override-forms';
import { formatWhen } from '@/components/format';
import { Badge, type Tone } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { allows } from '@/lib/server/authz';
import { freezeOverrideOptions, listFreezeOverrides, type FreezeOverrideDto } from '@/lib/server/freezes';
import { requireUser } from '@/lib/server/session';
import { ClientMessages } from '@/components/i18n/client-messages';
import { localize } from '@/lib/server/say';

const TONE: Record<FreezeOverrideDto['status'], Tone> = { requested: 'amber', granted: 'green', refused: 'red', withdrawn: 'gray' };
// each status's words: release-page.freezes.status.<status>

/** The release's freeze hits and overrides (requested, granted, refused: who and why), with the request and decision forms. Loads its own data. */
// timezone: the release's; times here are requests and decisions, shown in the viewer's zone only
export async function FreezeOverrides({ release }: { release: ReleaseRef; timezone?: string }) {
  const viewer = await currentViewer();
  const actor = await requireUser();
  const t = await getTranslations('release-page.freezes');
  const [overrides, options, locale] = await Promise.all([listFreezeOverrides(actor, release), freezeOverrideOptions(actor, release), getLocale()]);
  if (!options) return null;
  const mayOverride = allows(actor, 'freeze.override');
  const open = overrides.filter((o) => o.status === 'requested').length;

  return (
    <ClientMessages namespaces={['freezes']}>
      <Section
        id="freeze-overrides"
        title={t('title')}
        count={overrides.length}
        actions={
          <Link href="/freezes" className="link text-sm">
            {t('allFreezes')}
          </Link>
        }
      >
        <div className="space-y-4">
          {options.hits.length ? (
            <div>
              <h3 className="text-sm font-semibold text-gray-900">{t('hitsTitle')}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {options.hits.map((h) => (
                  <li key={`${h.freezeId}-${h.environmentName}`} className="flex flex-wrap items-start gap-2">
                    {h.overridden ? <Badge tone="green">{t('overridden')}</Badge> : <Badge tone="red">{t('blocks')}</Badge>}
                    <span className="text-gray-900">{localize(h.text, locale)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-sm text-gray-800">{t('noHits')}</p>
          )}

          {overrides.length ? (
            <Table caption={open ? t('captionWaiting', { key: release.key, open }) : t('caption', { key: release.key })}>
              <THead>
                <tr>
                  <Th>{t('columns.freeze')}</Th>
                  <Th>{t('columns.environment')}</Th>
                  <Th>{t('columns.reason')}</Th>
                  <Th>{t('columns.requested')}</Th>
                  <Th>{t('columns.decision')}</Th>
                </tr>
              </THead>
              <TBody>
                {overrides.map((o) => (
                  <Tr key={o.id}>
                    <Td className="font-medium">{o.freezeName}</Td>
                    <Td>{o.environmentName}</Td>
                    <Td className="max-w-md text-xs whitespace-pre-line">{o.reason}</Td>
                    <Td className="text-xs whitespace-nowrap">
                      {o.requestedBy.name}
                      <br />
                      {formatWhen(o.createdAt, viewer, { weekday: false })}
                    </Td>
                    <Td className="text-xs">
                      <Badge tone={TONE[o.status]}>{t(`status.${o.status}`)}</Badge>
                      {o.decidedBy && o.status !== 'requested' ? (
                        <p className="mt-0.5 whitespace-nowrap">
                          {o.decidedAt
                            ? t('decidedByAt', { name: o.decidedBy.name, when: formatWhen(o.decidedAt, viewer, { weekday: false }) })
                            : t('decidedBy', { name: o.decidedBy.name })}
                        </p>
                      ) : null}
                      {o.status === 'requested' && mayOverride && !options.finished ? (
                        <div className="mt-1.5">
                          <OverrideDecision
                            id={o.id}
                            own={o.requestedBy.id === actor.id}
                            confirmAction={confirmFreezeOverrideAction}
                            refuseAction={refuseFreezeOverrideAction}
                          />
                        </div>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <Nothing>{t('noOverrides')}</Nothing>
          )}

          {mayOverride && !options.finished ? (
            options.freezes.length ? (
              <div className="rounded-md border border-gray-200 p-3">
                <h3 className="mb-2 text-sm font-semibold text-gray-900">{t('requestTitle')}</h3>
                <OverrideRequestForm
                  action={requestFreezeOverrideAction}
                  releaseKey={options.releaseKey}
                  freezes={options.freezes.map((f) => ({ ...f, description: localize(f.description, locale) }))}
                  environments={options.environments}
                />
              </div>
            ) : (
              <p className="text-sm text-gray-800">{t('nothingToOverride')}</p>
            )
          ) : !mayOverride ? (
            <p className="text-xs text-gray-700">{t('whoMayRequest')}</p>
          ) : null}
        </div>
      </Section>
    </ClientMessages>
  );
}
