import Link from 'next/link';
import { readerLocale } from '@/app/_lib/reader-locale';
import { getTranslations, getLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { acknowledgeConflictAction, saveScheduleAction, takeSlotAction } from '../schedule-actions';
import { AcknowledgeForm, ScheduleForm, SlotButton } from '@/components/schedule/schedule-forms';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { GateList } from '@/components/releases/detail/gate-list';
import type { ReleaseRef } from '@/lib/server/release-ref';
import {
  getSchedule,
  MAX_SLOT_MINUTES,
  SLOT_FIRST_DAYS,
  SLOT_SEARCH_DAYS,
  suggestSlots,
  type ScheduleDto,
  type ScheduleProblemDto,
  type SlotDto,
} from '@/lib/server/scheduling';
import { requireUser } from '@/lib/server/session';
import { getPlanSchedule } from '@/lib/server/plan';
import { releaseHref } from '@/lib/domain/release-parts';
import { localize, localizeGates } from '@/lib/server/say';

// each rule's badge, by its key in schedule.panel.rules
const RULE_KEYS = {
  'schedule.window_missing': 'windowMissing',
  'schedule.maintenance': 'maintenance',
  'schedule.freeze': 'freeze',
  'schedule.promotion': 'promotion',
  'conflict.environment': 'environment',
  'conflict.component': 'component',
  'conflict.owner': 'owner',
} as const satisfies Record<ScheduleProblemDto['rule'], string>;

type Translate = Awaited<ReturnType<typeof getTranslations<'schedule.panel'>>>;

const DEFAULT_SLOT_MINUTES = 120;
const SLOT_LIMIT = 3;

/**
 * How long a free slot must be: the release's planned duration (its plan's critical path)
 * when the plan has one, so the rest of an open window that fits the plan is offered;
 * otherwise as long as the environment's current window, or 2 h when it has none.
 */
function slotMinutes(w: ScheduleDto['windows'][number], plannedMinutes: number | null): number {
  if (plannedMinutes && plannedMinutes >= 1) return Math.min(Math.ceil(plannedMinutes), MAX_SLOT_MINUTES);
  if (!w.start || !w.end) return DEFAULT_SLOT_MINUTES;
  const m = Math.round((Date.parse(w.end) - Date.parse(w.start)) / 60_000);
  return m >= 1 ? Math.min(m, MAX_SLOT_MINUTES) : DEFAULT_SLOT_MINUTES;
}

function duration(t: Translate, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? t('duration.hoursMinutes', { h, m }) : h ? t('duration.hours', { h }) : m ? t('duration.minutes', { m }) : '';
}

async function Problems({ s }: { s: ScheduleDto }) {
  const [t, locale] = await Promise.all([getTranslations('schedule.panel'), getLocale()]);
  const problems = s.check.problems;
  if (problems.length === 0) return <p className="text-sm text-gray-800">{t('noProblems')}</p>;
  return (
    <ul className="space-y-2" aria-label={t('problems')}>
      {problems.map((p, i) => (
        <li key={`${p.rule}-${p.environmentId ?? ''}-${p.otherReleaseKey ?? ''}-${p.componentId ?? ''}-${i}`} className="rounded-md border border-gray-200 p-2">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={p.acknowledged ? 'gray' : 'red'}>{t(`rules.${RULE_KEYS[p.rule]}`)}</Badge>
            {p.acknowledged ? <Badge tone="green">{t('acknowledged')}</Badge> : null}
            <span className="text-gray-900">{localize(p.message, locale)}</span>
            {p.otherReleaseKey ? (
              <Link href={releaseHref(p.otherReleaseKey, 'schedule')} className="link text-xs">
                {t('openOther', { releaseKey: p.otherReleaseKey })}
              </Link>
            ) : null}
          </p>
          {p.acknowledged && p.acknowledgement ? (
            <p className="mt-1 text-xs text-gray-700">
              {p.acknowledgement.by
                ? t('acknowledgedBy', { by: p.acknowledgement.by, reason: p.acknowledgement.reason })
                : t('acknowledgedReason', { reason: p.acknowledgement.reason })}
            </p>
          ) : null}
          {!p.acknowledged && p.acknowledgeable && s.canEdit && p.otherReleaseKey && p.kind ? (
            <AcknowledgeForm
              action={acknowledgeConflictAction}
              releaseKey={s.key}
              otherReleaseKey={p.otherReleaseKey}
              kind={p.kind}
              environment={p.kind === 'environment' ? p.environment : undefined}
              component={p.kind === 'component' ? (p.component ?? p.componentId) : undefined}
              idSuffix={String(i)}
            />
          ) : null}
          {!p.acknowledged && !p.acknowledgeable ? (
            <p className="mt-1 text-xs text-gray-700">
              {p.rule === 'schedule.freeze' ? t('freezeNotAcknowledgeable') : p.kind ? t('kindNotAcknowledgeable', { kind: p.kind }) : t('moveWindow')}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The release's schedule: windows per target environment, every check's result,
 * acknowledgements and the next free slots. Loads its own data. The free slots are searched
 * when a window is missing or has a problem, or when asked (`findSlots`, the "Find other free
 * slots" link): a release whose windows pass every check does not pay for the search. The
 * search reads the first `slotDays` (14) days; where they hold fewer than three slots, a link
 * searches the whole 90-day horizon (read in full when it is booked solid, so only on request).
 */
export async function SchedulePanel({
  release,
  findSlots = false,
  slotDays = SLOT_FIRST_DAYS,
}: {
  release: ReleaseRef;
  findSlots?: boolean;
  slotDays?: number;
}) {
  const t = await getTranslations('schedule.panel');
  const actor = await requireUser();
  const s = await getSchedule(actor, release, { withSlots: findSlots });
  if (!s) return null;
  const gateLocale = await readerLocale();
  const open = s.check.problems.filter((p) => !p.acknowledged).length;
  const wantSlots = findSlots || open > 0 || s.windows.some((w) => !w.startLocal || !w.endLocal);
  const offerSearch = s.canEdit && s.windows.length > 0 && !wantSlots;
  const slots: { env: ScheduleDto['windows'][number]; minutes: number; list: SlotDto[] }[] = [];
  const planned = s.canEdit && wantSlots ? await getPlanSchedule(actor, release) : null;
  const plannedMinutes = planned && !planned.problem && planned.tasks.length ? planned.plannedDurationMinutes : null;
  if (s.canEdit && wantSlots) {
    for (const w of s.windows) {
      const minutes = slotMinutes(w, plannedMinutes);
      slots.push({ env: w, minutes, list: (await suggestSlots(actor, release, w.environment, minutes, { limit: SLOT_LIMIT, days: slotDays })) ?? [] });
    }
  }
  const searchFurther = slotDays < SLOT_SEARCH_DAYS && slots.some((x) => x.list.length < SLOT_LIMIT);
  return (
    <Section
      id="schedule"
      title={t('title')}
      bare
      actions={
        s.windows.length ? open === 0 ? <Badge tone="green">{t('allPass')}</Badge> : <Badge tone="red">{t('problemCount', { count: open })}</Badge> : null
      }
    >
      {/* the forms below are client components: they get the schedule namespace's words */}
      <ClientMessages namespaces={['schedule']}>
        <div className="space-y-3 rounded-md border border-gray-200 bg-white p-3">
          {s.windows.length === 0 ? (
            <Nothing>{t('noEnvironments')}</Nothing>
          ) : s.canEdit ? (
            <ScheduleForm
              action={saveScheduleAction}
              releaseKey={s.key}
              version={s.version}
              timezone={s.timezone}
              windows={s.windows.map((w) => ({
                environment: w.environment,
                displayName: w.displayName,
                tier: w.tier,
                startLocal: w.startLocal,
                endLocal: w.endLocal,
              }))}
            />
          ) : (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {s.windows.map((w) => (
                <div key={w.environment} className="contents">
                  <dt className="font-medium text-gray-900">{w.displayName}</dt>
                  <dd className="text-gray-800">{w.label ?? t('notScheduled')}</dd>
                </div>
              ))}
            </dl>
          )}

          {s.windows.length ? (
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('checks')}</h3>
              <Problems s={s} />
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-gray-800">{t('gates')}</summary>
                <div className="mt-1">
                  <GateList gates={localizeGates(s.check.gates, gateLocale)!} idPrefix="schedule-gate" alarm={s.canEdit} />
                </div>
              </details>
            </div>
          ) : null}

          {offerSearch ? (
            <p className="text-sm">
              <Link href={`${releaseHref(s.key, 'schedule')}?slots=1#slots`} className="link">
                {t('findSlots')}
              </Link>{' '}
              <span className="text-gray-700">{t('findSlotsNote', { first: SLOT_FIRST_DAYS, max: SLOT_SEARCH_DAYS })}</span>
            </p>
          ) : null}

          {slots.length ? (
            <div id="slots" className="scroll-mt-4">
              <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('slots')}</h3>
              <p className="mb-2 text-xs text-gray-700">
                {plannedMinutes
                  ? t('slotsIntroPlanned', { days: slotDays, zone: s.timezone, duration: duration(t, slotMinutes(s.windows[0]!, plannedMinutes)) })
                  : t('slotsIntro', { days: slotDays, zone: s.timezone })}
              </p>
              <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
                {slots.map(({ env, minutes, list }) => (
                  <div key={env.environment} role="group" aria-labelledby={`slots-${env.environment}`} className="rounded-md border border-gray-200 p-2">
                    <h4 id={`slots-${env.environment}`} className="mb-1 text-sm font-medium text-gray-900">
                      {env.displayName} · {duration(t, minutes)}
                    </h4>
                    {list.length ? (
                      <ul className="space-y-1">
                        {list.map((slot) => (
                          <li key={slot.start}>
                            <SlotButton
                              action={takeSlotAction}
                              releaseKey={s.key}
                              version={s.version}
                              timezone={s.timezone}
                              environment={env.environment}
                              start={slot.startLocal}
                              end={slot.endLocal}
                              label={slot.label}
                            />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <Nothing>
                        {slotDays < SLOT_SEARCH_DAYS
                          ? t('noSlot', { duration: duration(t, minutes), days: slotDays })
                          : t('noSlotAtAll', { duration: duration(t, minutes), days: slotDays })}
                      </Nothing>
                    )}
                  </div>
                ))}
              </div>
              {searchFurther ? (
                <p className="mt-2 text-sm">
                  <Link href={`${releaseHref(s.key, 'schedule')}?slots=${SLOT_SEARCH_DAYS}#slots`} className="link">
                    {t('searchFurther', { days: SLOT_SEARCH_DAYS })}
                  </Link>{' '}
                  <span className="text-gray-700">{t('searchFurtherNote', { limit: SLOT_LIMIT, days: slotDays })}</span>
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      </ClientMessages>
    </Section>
  );
}
