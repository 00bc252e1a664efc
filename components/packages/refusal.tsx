import { useTranslations } from 'next-intl';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import type { PackageFormState } from './state';

/** A refusal's message, and each unmet gate with why and what would satisfy it; or the success message. */
export function PackageResult({ state }: { state: PackageFormState<unknown> }) {
  const t = useTranslations('packages');
  const gates = state.status === 'error' ? (state.gates ?? []).filter((g) => !g.passed) : [];
  return (
    <>
      <FormError key={state.at} requestId={state.requestId}>
        {state.status === 'error' ? (
          <>
            <p>{state.message}</p>
            {gates.length > 1 || (gates.length === 1 && gates[0]!.why !== state.message) ? (
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {gates.map((g, i) => (
                  <li key={`${g.rule}-${i}`}>
                    <span className="font-medium">{g.why}</span>
                    {g.fix ? <span className="block text-red-900">{t('toFix', { fix: g.fix })}</span> : null}
                  </li>
                ))}
              </ul>
            ) : gates[0]?.fix ? (
              <p className="mt-1">{t('toFix', { fix: gates[0].fix })}</p>
            ) : null}
          </>
        ) : null}
      </FormError>
      <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
    </>
  );
}
