import { describe, expect, it } from 'vitest';
import {
  splitTitles,
  validateEnd,
  validateLocation,
  validateMembership,
  validateOrganization,
  validatePerson,
  validateTerm,
} from './validation';

const membership = {
  personId: 'p',
  organizationId: 'o',
  role: '',
  deputy: false,
  votingRight: true,
  startDate: '2024-07-01',
  endDate: '',
  onBehalfOf: '',
};

describe('master data form checks', () => {
  it('ask for required fields and word it in the user’s language', () => {
    expect(validateTerm({ name: ' ', startDate: '', endDate: '' }, 'de')).toEqual({
      name: 'Bitte ausfüllen.',
      startDate: 'Bitte ausfüllen.',
    });
    expect(validateTerm({ name: '', startDate: '', endDate: '' }, 'en')).toEqual({
      name: 'Please fill in.',
      startDate: 'Please fill in.',
    });
  });

  it('refuse an end before the start, on the end field, and dates that do not exist', () => {
    expect(validateTerm({ name: 'WP', startDate: '2024-07-01', endDate: '2024-06-30' }, 'de')).toEqual({
      endDate: 'Das Ende darf nicht vor dem Beginn liegen.',
    });
    expect(validateTerm({ name: 'WP', startDate: '2024-02-30', endDate: '' }, 'en')).toEqual({
      startDate: 'Please enter a valid date.',
    });
    expect(validateTerm({ name: 'WP', startDate: '2024-07-01', endDate: '2024-07-01' }, 'de')).toEqual({});
  });

  it('count characters as the server does and name the limit', () => {
    const organization = {
      kind: 'committee',
      name: 'A'.repeat(201),
      shortName: 'B'.repeat(51),
      classification: '',
      legislativeTermId: '',
      startDate: '2025-01-01',
      endDate: '2024-12-31',
    };
    expect(validateOrganization(organization, 'de')).toEqual({
      name: 'Höchstens 200 Zeichen.',
      shortName: 'Höchstens 50 Zeichen.',
      endDate: 'Das Ende darf nicht vor dem Beginn liegen.',
    });
    expect(
      validateOrganization({ ...organization, name: `  ${'A'.repeat(200)}  `, shortName: '', endDate: '' }, 'de'),
    ).toEqual({});
  });

  it('check a person’s e-mail address and titles, and leave empty optional fields alone', () => {
    const person = {
      formOfAddress: '',
      title: 'Dr., Prof., a, b, c, d',
      givenName: 'Lea',
      familyName: 'Sonnenberg',
      email: 'lea.sonnenberg',
      phone: '',
      contactPublic: false,
    };
    expect(validatePerson(person, 'en', 'At most five titles.')).toEqual({
      title: 'At most five titles.',
      email: 'Please enter a valid e-mail address, e.g. name@example.org.',
    });
    expect(validatePerson({ ...person, title: 'Dr.', email: '' }, 'de', 'x')).toEqual({});
    expect(splitTitles(' Dr. , , Prof. ')).toEqual(['Dr.', 'Prof.']);
  });

  it('need both ends of a membership and a start, and an end not before the start', () => {
    expect(validateMembership({ ...membership, personId: '', startDate: '' }, 'de')).toEqual({
      personId: 'Bitte ausfüllen.',
      startDate: 'Bitte ausfüllen.',
    });
    expect(validateMembership({ ...membership, endDate: '2024-06-30' }, 'de')).toEqual({
      endDate: 'Das Ende darf nicht vor dem Beginn liegen.',
    });
    expect(validateEnd('2024-06-30', '2024-07-01', 'en')).toEqual({ endDate: 'The end must not be before the start.' });
    expect(validateEnd('', '2024-07-01', 'de')).toEqual({ endDate: 'Bitte ausfüllen.' });
    expect(validateEnd('2024-07-01', '2024-07-01', 'de')).toEqual({});
  });

  it('need a name for a place', () => {
    const place = {
      description: '',
      room: '',
      streetAddress: '',
      postalCode: '12345678901',
      locality: '',
      subLocality: '',
    };
    expect(validateLocation(place, 'de')).toEqual({
      description: 'Bitte ausfüllen.',
      postalCode: 'Höchstens 10 Zeichen.',
    });
  });
});
