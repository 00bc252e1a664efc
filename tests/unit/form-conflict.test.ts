import { describe, expect, it } from 'vitest';
import { conflictingFields } from '@/lib/domain/form-conflict';

describe('conflictingFields', () => {
  const fields = ['title', 'description', 'environments'];
  it('lists only the fields that differ, with both values, in form order', () => {
    const out = conflictingFields(
      { title: 'Mine', description: 'same ', environments: ['prod', 'staging'] },
      { title: 'Theirs', description: 'same', environments: ['staging', 'prod'] },
      fields,
      ['environments'],
    );
    expect(out).toEqual([{ name: 'title', mine: ['Mine'], theirs: ['Theirs'] }]);
  });

  it('compares checkbox groups as sets and reports an emptied one', () => {
    expect(conflictingFields({ environments: [] }, { environments: ['prod'] }, fields, ['environments'])).toEqual([
      { name: 'environments', mine: [], theirs: ['prod'] },
    ]);
    expect(conflictingFields({ environments: 'prod' }, { environments: ['prod'] }, fields, ['environments'])).toEqual([]);
  });

  it('treats a missing text field as empty', () => {
    expect(conflictingFields({ description: '' }, { description: undefined }, ['description'])).toEqual([]);
    expect(conflictingFields({}, { description: 'Now written' }, ['description'])).toEqual([{ name: 'description', mine: [''], theirs: ['Now written'] }]);
  });
});
