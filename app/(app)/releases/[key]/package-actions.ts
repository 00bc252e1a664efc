'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { releaseHref } from '@/lib/domain/release-parts';
import { revalidatePart } from './_lib/revalidate';
import { formText, toFormState, type FormValues } from '@/components/forms/form-state';
import type { PackageFormState, VerifyData } from '@/components/packages/state';
import type { ActionResult } from '@/lib/domain/result';
import { addPackageBuild, removePackageBuild, sealPackage, verifyPackageIntegrity } from '@/lib/server/packages';
import { parseReleaseKey } from '@/lib/server/release-ref';
import { applyScopeChange, decideScopeChange, requestScopeChange } from '@/lib/server/scope-changes';
import { localize } from '@/lib/server/say';

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
  const t = await getTranslations('release-page.actions.package');
  const values = {
    releaseKey: releaseKeyOf(form),
    buildId: formText(form, 'buildId', 100),
    version: formText(form, 'version', 20),
    replace: formText(form, 'replace', 10),
  };
  const result = await addPackageBuild(values);
  if (result.ok) refresh(values.releaseKey);
  return toState(result, values, (d) =>
    d.replaced
      ? t('replaced', { component: d.component, replaced: d.replaced, version: d.version })
      : t('added', { component: d.component, version: d.version }),
  );
}

export async function removePackageBuildAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const t = await getTranslations('release-page.actions.package');
  const values = { releaseKey: releaseKeyOf(form), component: formText(form, 'component', 100), version: formText(form, 'version', 20) };
  const result = await removePackageBuild(values);
  if (result.ok) refresh(values.releaseKey);
  return toState(result, values, (d) => t('removed', { component: d.component, version: d.version }));
}

export async function sealPackageAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const t = await getTranslations('release-page.actions.package');
  const values = { releaseKey: releaseKeyOf(form), version: formText(form, 'version', 20) };
  const result = await sealPackage(values);
  if (result.ok) refresh(values.releaseKey);
  return toState(result, values, (d) => t('sealed', { revision: d.revision, digest: d.digest }));
}

export async function verifyPackageAction(_prev: PackageFormState<VerifyData>, form: FormData): Promise<PackageFormState<VerifyData>> {
  const t = await getTranslations('release-page.actions.package');
  const values = { releaseKey: releaseKeyOf(form) };
  const result = await verifyPackageIntegrity(values);
  if (result.ok) refresh(values.releaseKey);
  const locale = await getLocale();
  // the integrity problems found are shown as they were said, in the reader's language
  const mapped: ActionResult<VerifyData> = result.ok
    ? {
        ok: true,
        data: {
          ok: result.data.ok,
          problems: result.data.problems.map((p) => localize(p, locale)),
          verifiedAt: result.data.verifiedAt,
          revision: result.data.revision,
        },
      }
    : result;
  return toState(mapped, values, (d) => (d.ok ? t('intact') : t('notIntact', { count: d.problems.length })));
}

export async function requestScopeChangeAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const t = await getTranslations('release-page.actions.package');
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
  return toState(result, values, t('scopeRequested'));
}

export async function decideScopeChangeAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const t = await getTranslations('release-page.actions.package');
  const releaseKey = releaseKeyOf(form);
  const decision = formText(form, 'decision', 20);
  const values = { id: formText(form, 'id', 100), comment: formText(form, 'comment', 4000), decision };
  const andApply = decision === 'approve_apply';
  const result = await decideScopeChange({ ...values, decision: andApply ? 'approve' : decision });
  if (!result.ok) return toState(result, values, '');
  refresh(releaseKey);
  if (!andApply) return toState(result, values, (d) => (d.status === 'approved' ? t('scopeApproved') : t('scopeRejected')));
  const applied = await applyScopeChange({ id: values.id });
  if (applied.ok) refreshApplied(releaseKey);
  if (!applied.ok) return { ...toState(applied, values, ''), message: t('approvedNotApplied', { message: applied.message }) };
  return toState(applied, values, (d) => appliedMessage(t, d));
}

type PackageT = Awaited<ReturnType<typeof getTranslations<'release-page.actions.package'>>>;

const appliedMessage = (t: PackageT, d: { revision: number; digest: string; approvalsInvalidated: number }) =>
  d.approvalsInvalidated
    ? t('appliedInvalidated', { revision: d.revision, digest: d.digest.slice(0, 12), count: d.approvalsInvalidated })
    : t('applied', { revision: d.revision, digest: d.digest.slice(0, 12) });

export async function applyScopeChangeAction(_prev: PackageFormState, form: FormData): Promise<PackageFormState> {
  const t = await getTranslations('release-page.actions.package');
  const releaseKey = releaseKeyOf(form);
  const values = { id: formText(form, 'id', 100) };
  const result = await applyScopeChange(values);
  if (result.ok) refreshApplied(releaseKey);
  return toState(result, values, (d) => appliedMessage(t, d));
}
