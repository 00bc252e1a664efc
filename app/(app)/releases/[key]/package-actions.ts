'use server';

import { revalidatePath } from 'next/cache';
import { releaseHref } from '@/lib/domain/release-parts';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormValues } from '@/components/forms/form-state';
import type { PackageFormState, VerifyData } from '@/components/packages/state';
import type { ActionResult } from '@/lib/domain/result';
import { addPackageBuild, removePackageBuild, sealPackage, verifyPackageIntegrity } from '@/lib/server/packages';
import { parseReleaseKey } from '@/lib/server/release-ref';
import { applyScopeChange, decideScopeChange, requestScopeChange } from '@/lib/server/scope-changes';

// the package part and its diff; applying a scope change also invalidates approvals
const refresh = (key: string) => {
  if (parseReleaseKey(key) !== null) {
    revalidatePart(key, 'package');
    revalidatePath(`${releaseHref(key)}/diff`);
  }
};

/** A re-seal invalidates approvals: the approvals part and the overview's progress change too. */
function refreshApplied(key: string) {
  refresh(key);
  if (parseReleaseKey(key) !== null) revalidatePart(key, 'approvals', 'overview');
}

function toState<T>(result: ActionResult<T>, values: FormValues, success: string | ((d: T) => string)): PackageFormState<T> {
  return { ...toFormState(result, values, success), ...(result.ok ? {} : { gates: result.gates }) };
}

const releaseKeyOf = (form: FormData) => formText(form, 'releaseKey', 20).trim().toUpperCase();

export async function addPackageBuildAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const values = {
    releaseKey: releaseKeyOf(form),
    buildId: formText(form, 'buildId', 100),
    version: formText(form, 'version', 20),
    replace: formText(form, 'replace', 10),
  };
  const result = await addPackageBuild(values);
  if (result.ok) refresh(values.releaseKey);
  return toState(result, values, (d) =>
    d.replaced ? `Replaced ${d.component} ${d.replaced} with ${d.version}.` : `Added ${d.component} ${d.version} to the package.`,
  );
}

export async function removePackageBuildAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const values = { releaseKey: releaseKeyOf(form), component: formText(form, 'component', 100), version: formText(form, 'version', 20) };
  const result = await removePackageBuild(values);
  if (result.ok) refresh(values.releaseKey);
  return toState(result, values, (d) => `Removed ${d.component} ${d.version} from the package.`);
}

export async function sealPackageAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const values = { releaseKey: releaseKeyOf(form), version: formText(form, 'version', 20) };
  const result = await sealPackage(values);
  if (result.ok) refresh(values.releaseKey);
  return toState(result, values, (d) => `Sealed revision ${d.revision}: sha256:${d.digest}.`);
}

export async function verifyPackageAction(_prev: PackageFormState<VerifyData>, form: FormData): Promise<PackageFormState<VerifyData>> {
  const values = { releaseKey: releaseKeyOf(form) };
  const result = await verifyPackageIntegrity(values);
  if (result.ok) refresh(values.releaseKey);
  const mapped: ActionResult<VerifyData> = result.ok
    ? { ok: true, data: { ok: result.data.ok, problems: result.data.problems, verifiedAt: result.data.verifiedAt, revision: result.data.revision } }
    : result;
  return toState(mapped, values, (d) =>
    d.ok ? 'The package is intact: it matches its seal.' : `The package does not match its seal: ${d.problems.length} problem(s).`,
  );
}

export async function requestScopeChangeAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const count = Math.min(Math.max(Number.parseInt(formText(form, 'count', 3), 10) || 1, 1), 20);
  const items = Array.from({ length: count }, (_, i) => ({
    action: formText(form, `items.${i}.action`, 10),
    componentName: formText(form, `items.${i}.componentName`, 100),
    buildId: formText(form, `items.${i}.buildId`, 100),
  }));
  const values: FormValues = { releaseKey: releaseKeyOf(form), reason: formText(form, 'reason', 4000), count: String(count) };
  items.forEach((it, i) => {
    values[`items.${i}.action`] = it.action;
    values[`items.${i}.componentName`] = it.componentName;
    values[`items.${i}.buildId`] = it.buildId;
  });
  const result = await requestScopeChange({ releaseKey: values.releaseKey, reason: values.reason, items });
  if (result.ok) refresh(values.releaseKey as string);
  return toState(result, values, 'Requested the scope change. Another release manager decides on it.');
}

export async function decideScopeChangeAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const releaseKey = releaseKeyOf(form);
  const decision = formText(form, 'decision', 20);
  const values = { id: formText(form, 'id', 100), comment: formText(form, 'comment', 4000), decision };
  const andApply = decision === 'approve_apply';
  const result = await decideScopeChange({ ...values, decision: andApply ? 'approve' : decision });
  if (!result.ok) return toState(result, values, '');
  refresh(releaseKey);
  if (!andApply)
    return toState(result, values, (d) => (d.status === 'approved' ? 'Approved the request. Apply it to re-seal the package.' : 'Rejected the request.'));
  const applied = await applyScopeChange({ id: values.id });
  if (applied.ok) refreshApplied(releaseKey);
  if (!applied.ok) return { ...toState(applied, values, ''), message: `Approved, but not applied: ${applied.message}` };
  return toState(applied, values, (d) => appliedMessage(d));
}

const appliedMessage = (d: { revision: number; digest: string; approvalsInvalidated: number }) =>
  `Applied: the package is re-sealed as revision ${d.revision} (sha256:${d.digest.slice(0, 12)}…)${d.approvalsInvalidated ? `; ${d.approvalsInvalidated} approval(s) were invalidated and must be given again` : ''}.`;

export async function applyScopeChangeAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const releaseKey = releaseKeyOf(form);
  const values = { id: formText(form, 'id', 100) };
  const result = await applyScopeChange(values);
  if (result.ok) refreshApplied(releaseKey);
  return toState(result, values, appliedMessage);
}
