import { formText } from '@/components/forms/form-state';

/** The fields the create and the edit form of a team share, as submitted. */
export function teamValues(form: FormData) {
  return {
    name: formText(form, 'name', 300),
    slug: formText(form, 'slug', 100),
    description: formText(form, 'description', 2000),
  };
}
