import { getTranslations } from 'next-intl/server';
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

/** "a to 20, b to 30": the other environments saving moved along (none: an empty string). */
export async function movedList(moved: { name: string; to: number }[]): Promise<string> {
  const t = await getTranslations('admin-environments.actions');
  return moved.map((m) => t('move', { name: m.name, position: m.to })).join(', ');
}
