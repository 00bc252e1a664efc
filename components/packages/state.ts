import type { FormState } from '@/components/forms/form-state';
import type { GateResult } from '@/lib/domain/result';

/** Form state of the package forms: a refusal may carry the unmet gates (e.g. compatibility problems). */
export type PackageFormState<D = unknown> = FormState<D> & { gates?: GateResult[] };

export type PackageAction<D = unknown> = (prev: PackageFormState<D>, form: FormData) => Promise<PackageFormState<D>>;

export interface VerifyData {
  ok: boolean;
  problems: string[];
  verifiedAt: string;
  revision: number | null;
}
