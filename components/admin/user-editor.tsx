'use client';

import { useActionState, useState } from 'react';
import { IDLE, errorsOf, valueOf, valuesOf, type FormState } from '@/components/forms/form-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CheckboxGroup, SelectField, TextField, type SelectOption } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusOnError } from '@/components/forms/use-focus-error';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface EditableUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  teamId: string | null;
  disabled: boolean;
  updatedAt: string;
}

/**
 * The edit form and the enable/disable control of one user. While enabling or
 * disabling runs, saving waits: both change the record, and the form must send
 * the record's newest updatedAt (optimistic locking).
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
  const [state, formAction] = useActionState(updateAction, IDLE);
  const [statusState, statusAction, statusPending] = useActionState(setDisabledAction, IDLE);
  const formRef = useFocusOnError(state);
  // the confirmation belongs to the status result it was opened after: a new result closes it
  const [confirmAfter, setConfirmAfter] = useState<number | null>(null);
  const confirming = confirmAfter !== null && confirmAfter === (statusState.at ?? 0);
  const setConfirming = (open: boolean) => setConfirmAfter(open ? (statusState.at ?? 0) : null);
  const failed = state.status === 'error';

  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <section aria-labelledby="edit-user-heading" className="rounded-md border border-gray-200 bg-white p-4">
        <h2 id="edit-user-heading" className="mb-3 text-base font-semibold text-gray-900">
          Details and roles
        </h2>
        <form ref={formRef} action={formAction} noValidate className="space-y-3">
          <FormError key={state.at} requestId={state.requestId}>
            {failed ? state.message : null}
          </FormError>
          <FormSuccess>{state.status === 'ok' ? state.message : null}</FormSuccess>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="updatedAt" value={user.updatedAt} />
          <p className="text-sm">
            <span className="block text-sm font-medium text-gray-900">Email</span>
            <span className="font-mono text-sm text-gray-900">{user.email}</span>
          </p>
          <TextField
            name="name"
            label="Full name"
            autoComplete="off"
            required
            maxLength={120}
            defaultValue={failed ? valueOf(state, 'name', user.name) : user.name}
            errors={errorsOf(state, 'name')}
          />
          <CheckboxGroup
            id="roles"
            name="roles"
            label="Roles"
            options={roleOptions}
            defaultValues={failed ? valuesOf(state, 'roles', user.roles) : user.roles}
            errors={errorsOf(state, 'roles')}
            hint={isSelf ? 'You cannot remove your own admin role.' : 'Changing roles or team signs the person out of open sessions.'}
          />
          <SelectField
            id="teamId"
            name="teamId"
            label="Team"
            options={[{ value: '', label: 'No team' }, ...teamOptions]}
            defaultValue={failed ? valueOf(state, 'teamId', user.teamId ?? '') : (user.teamId ?? '')}
            errors={errorsOf(state, 'teamId')}
          />
          {statusPending ? (
            <button type="button" disabled className="h-8 rounded-md bg-blue-700 px-3 text-sm font-medium text-white opacity-60">
              Save changes
            </button>
          ) : (
            <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
          )}
        </form>
      </section>

      <section aria-labelledby="user-status-heading" className="rounded-md border border-gray-200 bg-white p-4">
        <h2 id="user-status-heading" className="mb-3 text-base font-semibold text-gray-900">
          Account status
        </h2>
        <div className="space-y-3">
          <p className="flex items-center gap-2 text-sm">
            <span className="text-gray-700">This account is</span>
            {user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
          </p>
          <FormError key={statusState.at} requestId={statusState.requestId}>
            {statusState.status === 'error' ? statusState.message : null}
          </FormError>
          <FormSuccess>{statusState.status === 'ok' ? statusState.message : null}</FormSuccess>
          {user.disabled ? (
            <form action={statusAction}>
              <input type="hidden" name="id" value={user.id} />
              <input type="hidden" name="disabled" value="false" />
              <SubmitButton variant="secondary" pendingText="Enabling…">
                Enable user
              </SubmitButton>
            </form>
          ) : isSelf ? (
            <p className="text-sm text-gray-700">You cannot disable your own account.</p>
          ) : confirming ? (
            <form
              action={statusAction}
              className="rounded-md border border-red-200 bg-red-50 p-3"
            >
              <input type="hidden" name="id" value={user.id} />
              <input type="hidden" name="disabled" value="true" />
              <p className="text-sm text-red-900">
                Disable {user.email}? They are signed out at once and cannot sign in until an admin enables the account again.
              </p>
              <div className="mt-2 flex gap-2">
                <SubmitButton variant="danger" pendingText="Disabling…" autoFocus>
                  Yes, disable user
                </SubmitButton>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Disable user
            </Button>
          )}
        </div>
      </section>
    </div>
  );
}
