import { useLocale, useTranslations } from 'next-intl';
import { createTranslator } from 'use-intl/core';
import { splitGates } from '@/lib/domain/gate-view';
import { formatWords, type WordsTranslators } from '@/lib/domain/gate-words';
import type { GateResult, MessageRef } from '@/lib/domain/result';
import enGates from '@/messages/en/gates.json';

// A transition's gates as a checklist (docs/decisions/051-calm-gates.md). Unmet gates come
// first, each with what would satisfy it; red only when `alarm` says they block the next step
// the person looking can take, grey otherwise. Met gates fold into one "n checks passed"
// disclosure. The rule code (kept for the API) sits in a per-gate "Details" disclosure, so
// the sentence reads on its own. The mark is backed by words ("Met" / "Not met") for screen
// readers, so nothing depends on colour alone.
//
// Each gate's sentences are its `words` in the reader's language (docs/decisions/058); a gate
// without them (built outside lib/domain, or from an older API response) shows its English
// `why`/`fix`. Rendered inside a client component, the page must hand it the `gates` and
// `statuses` messages (<ClientMessages namespaces={['gates', 'statuses', …]}>); until it does,
// the list speaks English (its own words from the bundled English catalogue, the gates' why/fix)
// rather than showing message keys.

const MARK = 'mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full text-xs font-bold';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The gate's sentences in the reader's language, or its English when it has no words (or they are not here). */
function useGateWords(): (ref: MessageRef | undefined, english: string) => string {
  const locale = useLocale();
  const gates = useTranslations('gates');
  const statuses = useTranslations('statuses');
  const tr: WordsTranslators = { locale, gates: gates as unknown as Translate, statuses: statuses as unknown as Translate };
  return (ref, english) => {
    if (!ref || !gates.has(ref.key as never)) return english;
    try {
      return formatWords(ref, tr);
    } catch {
      return english;
    }
  };
}

const ENGLISH_VIEW = createTranslator({ locale: 'en', messages: { gates: enGates }, namespace: 'gates.view', timeZone: 'UTC' });

/** The list's own words: the reader's, or English when the page did not hand this component the `gates` messages. */
function useViewWords() {
  const here = useTranslations('gates.view');
  return here.has('details') ? here : (ENGLISH_VIEW as unknown as typeof here);
}

/** One gate's "why" in the reader's language (its English where it has no words). */
export function GateWhy({ gate }: { gate: GateResult }) {
  const say = useGateWords();
  return <>{say(gate.words?.why, gate.why)}</>;
}

function RuleCode({ rule }: { rule: string }) {
  const t = useViewWords();
  return (
    <details className="text-xs text-gray-700">
      <summary className="min-h-6 w-fit cursor-pointer py-1">{t('details')}</summary>
      <p className="mt-0.5">{t.rich('rule', { rule, code: (chunks) => <code className="rounded bg-gray-100 px-1 text-gray-800">{chunks}</code> })}</p>
    </details>
  );
}

export function GateList({ gates, idPrefix, alarm = true }: { gates: GateResult[]; idPrefix: string; alarm?: boolean }) {
  const t = useViewWords();
  const say = useGateWords();
  const { unmet, passed } = splitGates(gates);
  const index = (g: GateResult) => gates.indexOf(g);
  return (
    <div className="space-y-1.5">
      {unmet.length ? (
        <ul className="space-y-1.5" aria-label={alarm ? t('unmet') : t('unmetYet')}>
          {unmet.map((g) => (
            <li key={`${g.rule}-${index(g)}`} id={`${idPrefix}-${index(g)}`} className="flex gap-2 text-sm">
              <span aria-hidden="true" className={alarm ? `${MARK} bg-red-100 text-red-800` : `${MARK} bg-gray-100 text-gray-700`}>
                {alarm ? '✗' : '○'}
              </span>
              <div className="min-w-0">
                <p className="text-gray-900">
                  <span className="sr-only">{`${t('notMet')} `}</span>
                  {say(g.words?.why, g.why)}
                </p>
                {g.fix ? (
                  <p className="text-xs text-gray-700">
                    <span className="font-medium">{t('toMeetIt')}</span> {say(g.words?.fix, g.fix)}
                  </p>
                ) : null}
                <RuleCode rule={g.rule} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {passed.length ? (
        <details className="text-sm">
          <summary className="min-h-6 w-fit cursor-pointer py-1 text-xs text-gray-700">{t('passed', { count: passed.length })}</summary>
          <ul className="mt-1 space-y-1.5" aria-label={t('met')}>
            {passed.map((g) => (
              <li key={`${g.rule}-${index(g)}`} id={`${idPrefix}-${index(g)}`} className="flex gap-2 text-sm">
                <span aria-hidden="true" className={`${MARK} bg-gray-100 text-gray-700`}>
                  ✓
                </span>
                <div className="min-w-0">
                  <p className="text-gray-800">
                    <span className="sr-only">{`${t('metPrefix')} `}</span>
                    {say(g.words?.why, g.why)}
                  </p>
                  <RuleCode rule={g.rule} />
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
