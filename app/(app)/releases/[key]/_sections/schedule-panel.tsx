import Link from 'next/link';
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

const RULE_WORDS: Record<ScheduleProblemDto['rule'], string> = {
  'schedule.window_missing': 'No window',
  'schedule.maintenance': 'Maintenance window',
  'schedule.freeze': 'Change freeze',
  'schedule.promotion': 'Promotion path',
  'conflict.environment': 'Same environment',
  'conflict.component': 'Shared component',
  'conflict.owner': 'Same owner',
};

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

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

function Problems({ s }: { s: ScheduleDto }) {
  const problems = s.check.problems;
  if (problems.length === 0) return <p className="text-sm text-gray-800">No problems: every window passes every check.</p>;
  return (
    <ul className="space-y-2" aria-label="Scheduling problems">
      {problems.map((p, i) => (
        <li key={`${p.rule}-${p.environmentId ?? ''}-${p.otherReleaseKey ?? ''}-${p.componentId ?? ''}-${i}`} className="rounded-md border border-gray-200 p-2">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={p.acknowledged ? 'gray' : 'red'}>{RULE_WORDS[p.rule]}</Badge>
            {p.acknowledged ? <Badge tone="green">Acknowledged</Badge> : null}
            <span className="text-gray-900">{p.message}</span>
            {p.otherReleaseKey ? (
              <Link href={releaseHref(p.otherReleaseKey, 'schedule')} className="link text-xs">
                Open {p.otherReleaseKey}
              </Link>
            ) : null}
          </p>
          {p.acknowledged && p.acknowledgement ? (
            <p className="mt-1 text-xs text-gray-700">
              Acknowledged{p.acknowledgement.by ? ` by ${p.acknowledgement.by}` : ''}: “{p.acknowledgement.reason}”
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
              {p.rule === 'schedule.freeze'
                ? 'A freeze cannot be acknowledged: move the window, or request a freeze override (a second person must confirm it).'
                : p.kind
                  ? `The release policy does not allow ${p.kind} conflicts to be acknowledged: move the window.`
                  : 'Move or set the window so this check passes.'}
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
  const actor = await requireUser();
  const s = await getSchedule(actor, release, { withSlots: findSlots });
  if (!s) return null;
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
      title="Schedule"
      bare
      actions={
        s.windows.length ? (
          open === 0 ? (
            <Badge tone="green">All checks pass</Badge>
          ) : (
            <Badge tone="red">{open === 1 ? '1 problem' : `${open} problems`}</Badge>
          )
        ) : null
      }
    >
      <div className="space-y-3 rounded-md border border-gray-200 bg-white p-3">
        {s.windows.length === 0 ? (
          <Nothing>Choose target environments in Edit release before scheduling.</Nothing>
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
                <dd className="text-gray-800">{w.label ?? 'Not scheduled yet'}</dd>
              </div>
            ))}
          </dl>
        )}

        {s.windows.length ? (
          <div>
            <h3 className="mb-1 text-sm font-semibold text-gray-900">Checks</h3>
            <Problems s={s} />
            <details className="mt-2">
              <summary className="cursor-pointer text-sm text-gray-800">Gates for Schedule (approved → scheduled)</summary>
              <div className="mt-1">
                <GateList gates={s.check.gates} idPrefix="schedule-gate" alarm={s.canEdit} />
              </div>
            </details>
          </div>
        ) : null}

        {offerSearch ? (
          <p className="text-sm">
            <Link href={`${releaseHref(s.key, 'schedule')}?slots=1#slots`} className="link">
              Find other free slots
            </Link>{' '}
            <span className="text-gray-700">
              (every window passes its checks; the search looks {SLOT_FIRST_DAYS} days ahead, then up to {SLOT_SEARCH_DAYS})
            </span>
          </p>
        ) : null}

        {slots.length ? (
          <div id="slots" className="scroll-mt-4">
            <h3 className="mb-1 text-sm font-semibold text-gray-900">Next free slots</h3>
            <p className="mb-2 text-xs text-gray-700">
              {`The first slots in the next ${slotDays} days that pass every check for the environment, in ${s.timezone}: as long as the release's planned duration${
                plannedMinutes ? ` (${duration(slotMinutes(s.windows[0]!, plannedMinutes))}, from its plan)` : ' (its current window, or 2 h when it has none)'
              }. A window that is open now is offered from now when the rest of it is long enough.`}
            </p>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
              {slots.map(({ env, minutes, list }) => (
                <div key={env.environment} role="group" aria-labelledby={`slots-${env.environment}`} className="rounded-md border border-gray-200 p-2">
                  <h4 id={`slots-${env.environment}`} className="mb-1 text-sm font-medium text-gray-900">
                    {env.displayName} · {duration(minutes)}
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
                      {`No free slot of ${duration(minutes)} in the next ${slotDays} days${
                        slotDays < SLOT_SEARCH_DAYS ? '.' : ': check the maintenance windows, freezes and other releases of this environment.'
                      }`}
                    </Nothing>
                  )}
                </div>
              ))}
            </div>
            {searchFurther ? (
              <p className="mt-2 text-sm">
                <Link href={`${releaseHref(s.key, 'schedule')}?slots=${SLOT_SEARCH_DAYS}#slots`} className="link">
                  Search the next {SLOT_SEARCH_DAYS} days
                </Link>{' '}
                <span className="text-gray-700">
                  (fewer than {SLOT_LIMIT} free slots in the next {slotDays} days)
                </span>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Section>
  );
}
