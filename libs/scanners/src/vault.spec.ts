import { describe, expect, it } from 'vitest';
import { Vault } from './vault.js';

describe('Vault', () => {
  it('numbers placeholders per kind and reuses them for the same original', () => {
    const v = new Vault();
    expect(v.add('email', 'a@x.com')).toBe('[REDACTED_EMAIL_1]');
    expect(v.add('EMAIL', 'b@x.com')).toBe('[REDACTED_EMAIL_2]');
    expect(v.add('email', 'a@x.com')).toBe('[REDACTED_EMAIL_1]');
    expect(v.add('credit card', '4111')).toBe('[REDACTED_CREDIT_CARD_1]');
    expect(v.size).toBe(3);
    expect(v.get('[REDACTED_EMAIL_2]')).toBe('b@x.com');
  });

  it('round-trips through entries()/from() and keeps counting after the restored ones', () => {
    const v = new Vault();
    v.add('EMAIL', 'a@x.com');
    v.add('EMAIL', 'b@x.com');
    const copy = Vault.from(v.entries());
    expect(copy.entries()).toEqual(v.entries());
    expect(copy.add('EMAIL', 'a@x.com')).toBe('[REDACTED_EMAIL_1]');
    expect(copy.add('EMAIL', 'c@x.com')).toBe('[REDACTED_EMAIL_3]');
  });
});
