import { formList, formText } from '@/components/forms/form-state';

/** The fields the create and the edit form of an environment share, as submitted. */
export function environmentValues(form: FormData) {
  return {
    name: formText(form, 'name', 200),
    displayName: formText(form, 'displayName', 300),
    tier: formText(form, 'tier', 40),
    position: formText(form, 'position', 40),
    protected: formText(form, 'protected', 10),
    deployRoles: formList(form, 'deployRoles', 10),
    deployTeamIds: formList(form, 'deployTeamIds', 100),
    moveOthers: formText(form, 'moveOthers', 10),
    description: formText(form, 'description', 3000),
  };
}

/** " Moved a to 20, b to 30." after saving moved other environments along; else nothing. */
export function movedSentence(moved: { name: string; to: number }[]) {
  return moved.length ? ` Moved ${moved.map((m) => `${m.name} to ${m.to}`).join(', ')}.` : '';
}
