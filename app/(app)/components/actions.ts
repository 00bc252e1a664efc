'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formText, toFormState, type FormState, type FormValues } from '@/components/forms/form-state';
import type { ActionResult } from '@/lib/domain/result';
import { createComponent, MAX_DEPENDENCIES, updateComponent } from '@/lib/server/components';

/** The dependency editor's rows: skipped when empty or ticked Remove. */
function readDependencies(form: FormData) {
  const count = Math.min(Math.max(Number.parseInt(formText(form, 'depRows', 5), 10) || 0, 0), MAX_DEPENDENCIES + 20);
  const values: FormValues = { depRows: String(count) };
  const dependencies: { component: string; range: string }[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < count; i++) {
    const component = formText(form, `dep-component-${i}`, 200);
    const range = formText(form, `dep-range-${i}`, 200);
    const remove = formText(form, `dep-remove-${i}`, 10) === 'on';
    values[`dep-component-${i}`] = component;
    values[`dep-range-${i}`] = range;
    if (remove) values[`dep-remove-${i}`] = 'on';
    if (remove || (!component.trim() && !range.trim())) continue;
    rowOf.push(i);
    dependencies.push({ component, range });
  }
  return { dependencies, values, rowOf };
}

/** "dependencies.2.range" (index into the sent list) → "dep-range-<row on screen>". */
function onRows<T>(result: ActionResult<T>, rowOf: number[]): ActionResult<T> {
  if (result.ok || !result.fieldErrors) return result;
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(result.fieldErrors)) {
    const m = /^dependencies\.(\d+)\.(component|range)$/.exec(key);
    const row = m ? rowOf[Number(m[1])] : undefined;
    const target = m && row !== undefined ? `dep-${m[2]}-${row}` : key;
    (fieldErrors[target] ??= []).push(...messages);
  }
  return { ...result, fieldErrors };
}

function readFields(form: FormData) {
  return {
    name: formText(form, 'name', 300),
    description: formText(form, 'description', 5000),
    ownerTeamId: formText(form, 'ownerTeamId', 100),
    tier: formText(form, 'tier', 10),
    repository: formText(form, 'repository', 1000),
    distributionList: formText(form, 'distributionList', 25_000),
  };
}

export async function createComponentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const fields = readFields(form);
  const deps = readDependencies(form);
  const result = onRows(await createComponent({ ...fields, dependencies: deps.dependencies }), deps.rowOf);
  if (!result.ok) return toFormState(result, { ...fields, ...deps.values }, '');
  revalidatePath('/components');
  redirect(`/components/${encodeURIComponent(result.data.name)}?created=1`);
}

export async function updateComponentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const fields = { ...readFields(form), id: formText(form, 'id', 100), version: formText(form, 'version', 20) };
  const deps = readDependencies(form);
  const result = onRows(await updateComponent({ ...fields, dependencies: deps.dependencies }), deps.rowOf);
  if (!result.ok) return toFormState(result, { ...fields, ...deps.values }, '');
  revalidatePath('/components', 'layout');
  redirect(`/components/${encodeURIComponent(result.data.name)}?${result.data.changed ? 'saved' : 'unchanged'}=1`);
}
