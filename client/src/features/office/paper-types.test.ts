import { describe, expect, it } from 'vitest';
import { consultationRoleSuggestions } from '@ratsmappe/shared/schemas/paper-workflow';
import { paperTypes as sharedPaperTypes } from '@ratsmappe/shared/schemas/paper';
import { consultationRoles, isPaperType, paperTypes } from './paper-types';

describe('the office’s copy of the paper vocabulary', () => {
  it('names the same paper types and consultation roles as the shared contract', () => {
    expect(paperTypes).toEqual(sharedPaperTypes);
    expect(consultationRoles).toEqual(consultationRoleSuggestions);
  });

  it('tells a paper type from other words', () => {
    expect(isPaperType('Antrag')).toBe(true);
    expect(isPaperType('antrag')).toBe(false);
  });
});
