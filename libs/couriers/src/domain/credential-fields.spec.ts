import { credentialErrors, maskedFields, normalisedCredentials } from './credential-fields';

describe('courier credential fields', () => {
  const fields = ['token', 'webhookSecret'];

  it('requires every field the courier issues and accepts no other', () => {
    expect(credentialErrors(fields, { token: 't', webhookSecret: 's' })).toEqual([]);
    expect(credentialErrors(fields, { token: 't', extra: 'x' }).map((e) => `${e.field}:${e.code}`)).toEqual(['credentials.extra:unknown_field', 'credentials.webhookSecret:required']);
    expect(credentialErrors(fields, { token: ' ', webhookSecret: ['s'] }).map((e) => e.code)).toEqual(['invalid', 'invalid']);
    expect(credentialErrors(fields, { token: 'x'.repeat(4097), webhookSecret: 's' }).map((e) => e.code)).toEqual(['too_long']);
  });

  it('trims values and keeps the courier’s field order', () => {
    expect(Object.entries(normalisedCredentials(fields, { webhookSecret: ' s ', token: 't ' }))).toEqual([['token', 't'], ['webhookSecret', 's']]);
  });

  it('shows which fields are set and at most the last four characters of long values', () => {
    expect(maskedFields(fields, { token: 'abcdefghijkl', webhookSecret: 'short-value' })).toEqual([
      { name: 'token', set: true, lastFour: 'ijkl' },
      { name: 'webhookSecret', set: true, lastFour: null },
    ]);
    expect(maskedFields(fields, null).every((f) => !f.set && f.lastFour === null)).toBe(true);
  });
});
