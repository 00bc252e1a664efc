import { getTranslations } from 'next-intl/server';
import { currentViewer } from '@/lib/server/viewer';
import { Badge } from '@/components/ui/badge';
import { Nothing } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { formatWhen } from '@/components/format';
import { formatDuration } from '@/lib/domain/release-metrics';
import type { ReleaseRef } from '@/lib/server/release-ref';
import { getReleaseMetrics } from '@/lib/server/metrics';
import { requireUser } from '@/lib/server/session';
import { getStatusWords } from '@/components/i18n/status-words';
import { readerLocale } from '@/app/_lib/reader-locale';
import { localize } from '@/lib/server/say';

/** A horizontal bar with its value in text (the bar is decoration; the text carries the number). */
function Bar({ label, ms, max, tone, text }: { label: string; ms: number; max: number; tone: string; text: string }) {
  const pct = max > 0 ? Math.max(2, Math.round((ms / max) * 100)) : 0;
  return (
    <div className="grid grid-cols-[11rem_minmax(0,1fr)_7rem] items-center gap-2 text-sm">
      <span className="[overflow-wrap:anywhere] text-gray-800" title={label}>
        {label}
      </span>
      <span aria-hidden="true" className="h-3 rounded-sm bg-gray-100">
        <span className={`block h-3 rounded-sm ${tone}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="text-right text-gray-900 tabular-nums">{text}</span>
    </div>
  );
}

function Stat({ term, value, detail }: { term: string; value: string; detail?: string }) {
  return (
    <div className="rounded-md border border-gray-200 px-3 py-2">
      <dt className="text-xs font-medium text-gray-700">{term}</dt>
      <dd className="text-lg font-semibold text-gray-900 tabular-nums">{value}</dd>
      {detail ? <dd className="text-xs text-gray-700">{detail}</dd> : null}
    </div>
  );
}

/** Per-release metrics: lead time, planned against actual window, approval wait, deployment durations, back-outs. */
export async function MetricsPanel({ release }: { release: ReleaseRef }) {
  const m = await getReleaseMetrics(await requireUser(), release);
  if (!m) return null;
  const viewer = await currentViewer();
  const t = await getTranslations('release-page.metrics');
  const locale = await readerLocale();
  // sentences of lib/domain/release-metrics.ts, said in English: in the reader's language here
  const said = (text: string) => localize(text, locale);
  const word = await getStatusWords();
  const w = m.window;
  const windowMax = Math.max(w.planned?.ms ?? 0, w.actual?.ms ?? 0);
  return (
    <Section id="metrics" title={t('title')}>
      <div className="space-y-4">
        <dl className="grid grid-cols-2 gap-2 lg:grid-cols-4">
          <Stat
            term={t('leadTime')}
            value={m.leadTime.ms !== null ? formatDuration(m.leadTime.ms, locale) : '—'}
            detail={
              m.leadTime.ms !== null
                ? t('leadTimeDetail', {
                    from: formatWhen(m.leadTime.from, viewer, { weekday: false }),
                    to: formatWhen(m.leadTime.to, viewer, { weekday: false }),
                  })
                : said(m.leadTime.text)
            }
          />
          <Stat
            term={t('approvalWait')}
            value={m.approvalWait.ms !== null ? formatDuration(m.approvalWait.ms, locale) : '—'}
            detail={said(m.approvalWait.text)}
          />
          <Stat
            term={t('deployments')}
            value={String(m.deployments.length)}
            detail={m.failedDeployments ? t('failedDeployments', { count: m.failedDeployments }) : undefined}
          />
          <Stat term={t('backouts')} value={String(m.backouts)} />
        </dl>

        <div>
          <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('windowTitle')}</h3>
          {w.planned || w.actual ? (
            <div className="space-y-1">
              {w.planned ? <Bar label={t('planned')} ms={w.planned.ms} max={windowMax} tone="bg-blue-600" text={formatDuration(w.planned.ms, locale)} /> : null}
              {w.actual ? (
                <Bar
                  label={t('actual')}
                  ms={w.actual.ms}
                  max={windowMax}
                  tone={w.endDeltaMs !== null && w.endDeltaMs > 60_000 ? 'bg-amber-600' : 'bg-green-700'}
                  text={formatDuration(w.actual.ms, locale)}
                />
              ) : null}
              <p className="text-sm text-gray-800">{said(w.text)}</p>
              {w.planned ? (
                <p className="text-xs text-gray-700">
                  {t('plannedRange', {
                    start: formatWhen(w.planned.start, viewer, { weekday: false }),
                    end: formatWhen(w.planned.end, viewer, { weekday: false }),
                  })}
                  {w.actual
                    ? t('actualRange', {
                        start: formatWhen(w.actual.start, viewer, { weekday: false }),
                        end: formatWhen(w.actual.end, viewer, { weekday: false }),
                      })
                    : ''}
                </p>
              ) : null}
            </div>
          ) : (
            <Nothing>{said(w.text)}</Nothing>
          )}
        </div>

        <div>
          <h3 className="mb-1 text-sm font-semibold text-gray-900">{t('durationsTitle')}</h3>
          {m.deployments.length ? (
            <ul className="space-y-1">
              {m.deployments.map((d) => (
                <li key={d.id}>
                  <Bar
                    label={d.kind === 'backout' ? t('backoutLabel', { environment: d.environment }) : d.environment}
                    ms={d.durationMs ?? 0}
                    max={m.longestDeploymentMs}
                    tone={d.kind === 'backout' ? 'bg-rose-700' : d.status === 'failed' || d.status === 'rolled_back' ? 'bg-red-700' : 'bg-teal-700'}
                    text={d.durationMs !== null ? formatDuration(d.durationMs, locale) : said(d.text)}
                  />
                  <span className="sr-only">
                    {word('deployment', d.status)}
                    {d.startedAt ? t('started', { when: formatWhen(d.startedAt, viewer, { weekday: false }) }) : ''}
                  </span>
                  {d.status !== 'succeeded' ? (
                    <span className="ml-[8.5rem]" aria-hidden="true">
                      <Badge tone={d.status === 'failed' || d.status === 'rolled_back' ? 'red' : 'gray'}>{word('deployment', d.status)}</Badge>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <Nothing>{t('none')}</Nothing>
          )}
        </div>
      </div>
    </Section>
  );
}
