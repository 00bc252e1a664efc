'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { toFormState, type FormState } from '@/components/forms/form-state';
import { verifyAuditTrail } from '@/lib/server/audit-trail';
import type { ChainVerification } from '@/lib/server/audit';

export async function verifyAuditTrailAction(_prev: unknown): Promise<FormState<ChainVerification>> {
  const t = await getTranslations('admin-audit.actions');
  const result = await verifyAuditTrail({});
  if (result.ok) revalidatePath('/admin/audit');
  return toFormState(result, {}, (v) => (v.ok ? t('intact') : t('broken')));
}
