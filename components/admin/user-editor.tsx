'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { IDLE, errorsOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmPanel } from '@/components/ui/confirm-action';
import { CheckboxGroup, SelectField, TextField, type SelectOption } from '@/components/ui/field';
import { fieldBinder } from '@/components/ui/form-bind';
import { FormMessages } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { Panel } from '@/components/ui/panel';
import { useFocusOnError } from '@/components/forms/use-focus-error';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  teamId: string | null;
  disabled: boolean;
  version: number;
}

/**
 * The edit form and the enable/disable control of one user. While enabling or
 * disabling runs, saving waits: both change the record, and the form must send
 * the record's newest version (optimistic locking).
 */
export function UserEditor({
  user,
  roleOptions,
  teamOptions,
  updateAction,
  setDisabledAction,
  isSelf,
}: {
  user: EditableUser;
  roleOptions: SelectOption[];
  teamOptions: SelectOption[];
  updateAction: Action;
  setDisabledAction: Action;
  isSelf: boolean;
}) {
  const t = useTranslations('admin-users.editor');
  const [state, formAction] = useActionState(updateAction, IDLE);
  const [statusState, statusAction, statusPending] = useActionState(setDisabledAction, IDLE);
  const formRef = useFocusOnError(state);
  // the confirmation belongs to the status result it was opened after: a new result closes it
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (statusState.at ?? 0);
  const setConfirming = (open: boolean) => setConfirmAfter(open ? (statusState.at ?? 0) : null);
  const failed = state.status === 'error';
  const bind = fieldBinder(state);

  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <Panel headingId="edit-user-heading" title={t('heading')}>
        <form ref={formRef} action={formAction} noValidate className="space-y-3">
          <FormMessages state={state} />
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="version" value={user.version} />
          <p className="text-sm">
            <span className="block text-sm font-medium text-gray-900">{t('email')}</span>
            <span className="font-mono text-sm text-gray-900">{user.email}</span>
          </p>
          <TextField {...bind('name', user.name)} label={t('name')} autoComplete="off" required maxLength={120} />
          <CheckboxGroup
            id="roles"
            name="roles"
            label={t('roles')}
            options={roleOptions}
            defaultValues={failed ? valuesOf(state, 'roles', user.roles) : user.roles}
            errors={errorsOf(state, 'roles')}
            hint={isSelf ? t('rolesHintSelf') : t('rolesHint')}
          />
          <SelectField {...bind('teamId', user.teamId ?? '')} id="teamId" label={t('team')} options={[{ value: '', label: t('noTeam') }, ...teamOptions]} />
          {statusPending ? (
            <button type="button" disabled className="h-8 rounded-md bg-blue-700 px-3 text-sm font-medium text-white opacity-60">
              {t('save')}
            </button>
          ) : (
            <SubmitButton pendingText={t('saving')}>{t('save')}</SubmitButton>
          )}
        </form>
      </Panel>

      <Panel headingId="user-status-heading" title={t('statusHeading')}>
        <div className="space-y-3">
          <p className="flex items-center gap-2 text-sm">
            <span className="text-gray-700">{t('accountIs')}</span>
            {user.disabled ? <Badge tone="red">{t('disabled')}</Badge> : <Badge tone="green">{t('active')}</Badge>}
          </p>
          <FormMessages state={statusState} />
          {user.disabled ? (
            <form action={statusAction}>
              <input type="hidden" name="id" value={user.id} />
              <input type="hidden" name="disabled" value="false" />
              <SubmitButton variant="secondary" pendingText={t('enabling')}>
                {t('enable')}
              </SubmitButton>
            </form>
          ) : isSelf ? (
            <p className="text-sm text-gray-700">{t('cannotDisableSelf')}</p>
          ) : confirming ? (
            <ConfirmPanel
              action={statusAction}
              question={t('disableQuestion', { email: user.email })}
              confirmLabel={t('disableConfirm')}
              pendingText={t('disabling')}
              onCancel={() => setConfirming(false)}
            >
              <input type="hidden" name="id" value={user.id} />
              <input type="hidden" name="disabled" value="true" />
            </ConfirmPanel>
          ) : (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t('disable')}
            </Button>
          )}
        </div>
      </Panel>
    </div>
  );
}
