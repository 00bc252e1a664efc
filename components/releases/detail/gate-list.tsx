import type { GateResult } from '@/lib/domain/result';
import { splitGates } from '@/lib/domain/gate-view';

// A transition's gates as a checklist (docs/decisions/051-calm-gates.md). Unmet gates come
// first, each with what would satisfy it; red only when `alarm` says they block the next step
// the person looking can take, grey otherwise. Met gates fold into one "n checks passed"
// disclosure. The rule code (kept for the API) sits in a per-gate "Details" disclosure, so
// the sentence reads on its own. The mark is backed by words ("Met" / "Not met") for screen
// readers, so nothing depends on colour alone.

const MARK = 'mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full text-xs font-bold';

function RuleCode({ rule }: { rule: string }) {
  return (
    <details className="text-xs text-gray-700">
      <summary className="min-h-6 w-fit cursor-pointer py-1">Details</summary>
      <p className="mt-0.5">
        Rule <code className="rounded bg-gray-100 px-1 text-gray-800">{rule}</code>
      </p>
    </details>
  );
}

export function GateList({ gates, idPrefix, alarm = true }: { gates: GateResult[]; idPrefix: string; alarm?: boolean }) {
  const { unmet, passed } = splitGates(gates);
  const index = (g: GateResult) => gates.indexOf(g);
  return (
    <div className="space-y-1.5">
      {unmet.length ? (
        <ul className="space-y-1.5" aria-label={alarm ? 'Gates not met' : 'Gates not met yet'}>
          {unmet.map((g) => (
            <li key={`${g.rule}-${index(g)}`} id={`${idPrefix}-${index(g)}`} className="flex gap-2 text-sm">
              <span aria-hidden="true" className={alarm ? `${MARK} bg-red-100 text-red-800` : `${MARK} bg-gray-100 text-gray-700`}>
                {alarm ? '✗' : '○'}
              </span>
              <div className="min-w-0">
                <p className="text-gray-900">
                  <span className="sr-only">Not met: </span>
                  {g.why}
                </p>
                {g.fix ? (
                  <p className="text-xs text-gray-700">
                    <span className="font-medium">To meet it:</span> {g.fix}
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
          <summary className="min-h-6 w-fit cursor-pointer py-1 text-xs text-gray-700">
            {passed.length === 1 ? '1 check passed' : `${passed.length} checks passed`}
          </summary>
          <ul className="mt-1 space-y-1.5" aria-label="Gates met">
            {passed.map((g) => (
              <li key={`${g.rule}-${index(g)}`} id={`${idPrefix}-${index(g)}`} className="flex gap-2 text-sm">
                <span aria-hidden="true" className={`${MARK} bg-gray-100 text-gray-700`}>
                  ✓
                </span>
                <div className="min-w-0">
                  <p className="text-gray-800">
                    <span className="sr-only">Met: </span>
                    {g.why}
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
