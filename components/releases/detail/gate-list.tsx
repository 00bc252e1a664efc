import type { GateResult } from '@/lib/domain/result';

// A transition's gates as a checklist. The mark is backed by words ("Met" /
// "Not met") for screen readers, and failed gates say what would satisfy them,
// so nothing depends on colour alone.

export function GateList({ gates, idPrefix }: { gates: GateResult[]; idPrefix: string }) {
  return (
    <ul className="space-y-1.5" aria-label="Gates">
      {gates.map((g, i) => (
        <li key={`${g.rule}-${i}`} id={`${idPrefix}-${i}`} className="flex gap-2 text-sm">
          <span
            aria-hidden="true"
            className={
              g.passed
                ? 'mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full bg-green-100 text-xs font-bold text-green-800'
                : 'mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full bg-red-100 text-xs font-bold text-red-800'
            }
          >
            {g.passed ? '✓' : '✗'}
          </span>
          <div className="min-w-0">
            <p className="text-gray-900">
              <span className="sr-only">{g.passed ? 'Met: ' : 'Not met: '}</span>
              {g.why} <code className="ml-1 rounded bg-gray-100 px-1 text-xs text-gray-700">{g.rule}</code>
            </p>
            {!g.passed && g.fix ? (
              <p className="text-xs text-gray-700">
                <span className="font-medium">To meet it:</span> {g.fix}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
