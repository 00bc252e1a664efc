import { formList, formText, type FormValues } from '@/components/forms/form-state';

// The release form's fields as the server actions read them from FormData.

export function releaseFormValues(form: FormData): FormValues & { environments: string[]; stakeholderIds: string[]; coManagerIds: string[] } {
  return {
    title: formText(form, 'title', 500),
    type: formText(form, 'type', 40),
    ownerId: formText(form, 'ownerId', 100),
    environments: formList(form, 'environments', 50),
    plannedStart: formText(form, 'plannedStart', 40),
    plannedEnd: formText(form, 'plannedEnd', 40),
    timezone: formText(form, 'timezone', 100),
    description: formText(form, 'description', 20_000),
    businessJustification: formText(form, 'businessJustification', 10_000),
    stakeholderIds: formList(form, 'stakeholderIds', 200),
    coManagerIds: formList(form, 'coManagerIds', 100),
    // only on creation: the template version the release starts from (docs/decisions/044)
    ...(form.has('templateVersionId') ? { templateVersionId: formText(form, 'templateVersionId', 100) } : {}),
  };
}
