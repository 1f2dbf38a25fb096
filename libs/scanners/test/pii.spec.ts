import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS, Vault } from '../src/index.js';
import { ibanValid, luhnValid } from '../src/pii.detectors.js';
import { ctx, found, make } from './scan.helpers.js';

const anonymize = make('anonymize');
const kindsOf = (text: string, s = anonymize) => (s.scan(text, ctx()).findings ?? []).map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);

describe('pii detectors', () => {
  it.each([
    ['EMAIL', 'write to john.doe+tag@mail.example.co.uk today', 'john.doe+tag@mail.example.co.uk'],
    ['PHONE', 'call +1 415-555-2671', '+1 415-555-2671'],
    ['PHONE', 'E.164: +14155552671.', '+14155552671'],
    ['PHONE', 'office (415) 555-2671', '(415) 555-2671'],
    ['PHONE', 'UK 020 7946 0958', '020 7946 0958'],
    ['PHONE', 'FR 01 23 45 67 89', '01 23 45 67 89'],
    ['PHONE', 'VN +84 912 345 678', '+84 912 345 678'],
    ['PHONE', 'phone: 4155552671', '4155552671'],
    ['CREDIT_CARD', 'card 4111 1111 1111 1111 exp 12/29', '4111 1111 1111 1111'],
    ['CREDIT_CARD', 'amex 3782-822463-10005', '3782-822463-10005'],
    ['CREDIT_CARD', 'mc 5555555555554444', '5555555555554444'],
    ['IBAN', 'IBAN DE89 3704 0044 0532 0130 00 please', 'DE89 3704 0044 0532 0130 00'],
    ['IBAN', 'GB82WEST12345698765432', 'GB82WEST12345698765432'],
    ['IBAN', 'FR14 2004 1010 0505 0001 3M02 606 ABC', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['IP_ADDRESS', 'server 203.0.113.42 is down', '203.0.113.42'],
    ['IP_ADDRESS', 'v6 2001:db8:85a3::8a2e:370:7334 up', '2001:db8:85a3::8a2e:370:7334'],
    ['IP_ADDRESS', 'link fe80::1ff:fe23:4567:890a', 'fe80::1ff:fe23:4567:890a'],
    ['US_SSN', 'SSN 123-45-6789', '123-45-6789'],
    ['US_SSN', 'social security number: 123456789', '123456789'],
  ])('%s in %j', (kind, text, value) => {
    expect(kindsOf(text)).toContain(`${kind}:${value}`);
  });

  it.each([
    'In 2024 we sold 1,500 units for $1,299.99',
    'Order #123-45-6789 shipped',
    'version 1.2.3.4 released',
    'card 4111 1111 1111 1112 (bad Luhn)',
    '1234 5678 9012 3456',
    'IBAN DE89 3704 0044 0532 0130 01 (bad checksum)',
    'ip 256.1.1.1 is invalid',
    'meet at 12:30:45 today',
    'use std::vector and a::b in C++',
    'mac 00:1A:2B:3C:4D:5E',
    'SSN 000-12-3456 and 666-12-3456 and 912-12-3456 and 123-00-4567 and 123-45-0000',
    'year range 1999-2024, page 12-34',
    'ISBN 978-3-16-148410-0',
    'email me at john at example dot com',
    'pi is 3.14159265358979',
  ])('%j has no PII', (text) => {
    expect(kindsOf(text)).toEqual([]);
  });

  it('validates checksums', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
    expect(ibanValid('GB82WEST1234569876543')).toBe(false); // wrong length for GB
  });
});

describe('anonymize', () => {
  it('replaces PII with numbered vault placeholders, the same value with the same placeholder', () => {
    const vault = new Vault();
    const text = 'Mail a@x.com, then b@y.org, then a@x.com again; card 4111-1111-1111-1111';
    const r = anonymize.scan(text, ctx('input', vault));
    expect(r.score).toBe(1);
    expect(r.sanitized).toBe('Mail [REDACTED_EMAIL_1], then [REDACTED_EMAIL_2], then [REDACTED_EMAIL_1] again; card [REDACTED_CREDIT_CARD_1]');
    expect(r.reason).toBe('email address x3, credit card number');
    expect(r.reason).not.toContain('a@x.com');
    expect(vault.get('[REDACTED_EMAIL_2]')).toBe('b@y.org');
  });

  it('redacts hidden names as PERSON, case-insensitively and on word boundaries', () => {
    const s = make('anonymize', { hidden_names: ['Alice Martin', 'Bob'] });
    const r = s.scan('alice martin met BOB and Bobby', ctx());
    expect(r.sanitized).toBe('[REDACTED_PERSON_1] met [REDACTED_PERSON_2] and Bobby');
  });

  it('respects entity_types, allowed and skip_private_ips', () => {
    expect(kindsOf('a@x.com 8.8.8.8', make('anonymize', { entity_types: ['ip_address'] }))).toEqual(['IP_ADDRESS:8.8.8.8']);
    expect(kindsOf('support@corp.com or me@corp.com', make('anonymize', { allowed: ['Support@corp.com'] }))).toEqual(['EMAIL:me@corp.com']);
    expect(kindsOf('10.0.0.1 and 8.8.8.8 and fd00::1:2', make('anonymize', { skip_private_ips: true }))).toEqual(['IP_ADDRESS:8.8.8.8']);
  });

  it('sees through zero-width characters and fullwidth digits (evasion)', () => {
    const text = 'mail jo\u200bhn@exa\u200bmple.com card ４１１１ １１１１ １１１１ １１１１';
    const vault = new Vault();
    const r = anonymize.scan(text, ctx('input', vault));
    expect(r.sanitized).toBe('mail [REDACTED_EMAIL_1] card [REDACTED_CREDIT_CARD_1]');
    expect(vault.get('[REDACTED_EMAIL_1]')).toBe('john@example.com');
    expect(vault.get('[REDACTED_CREDIT_CARD_1]')).toBe('4111 1111 1111 1111');
  });

  it('sees through a hidden name written with Cyrillic look-alikes', () => {
    const s = make('anonymize', { hidden_names: ['Maria'] });
    expect(found(s, 'ask \u041c\u0430ria today')).toEqual(['\u041c\u0430ria']);
  });

  it('rejects unknown entity types naming the option', () => {
    expect(() => RULE_SCANNERS.anonymize!.parseOptions({ entity_types: ['EMAIL', 'DNA'] })).toThrow(/"entity_types\[1\]"/);
  });
});

describe('sensitive (answers)', () => {
  it('flags PII in answers and redacts with placeholders from the same vault', () => {
    const vault = new Vault();
    vault.add('EMAIL', 'a@x.com');
    const s = make('sensitive');
    const r = s.scan('Sure, the SSN is 123-45-6789 and mail a@x.com', ctx('output', vault));
    expect(r.score).toBe(1);
    expect(r.sanitized).toBe('Sure, the SSN is [REDACTED_US_SSN_1] and mail [REDACTED_EMAIL_1]');
  });

  it('reports without sanitizing when redact is false', () => {
    const r = make('sensitive', { redact: false }).scan('mail a@x.com', ctx('output'));
    expect(r.score).toBe(1);
    expect(r.sanitized).toBeUndefined();
  });

  it('passes clean answers', () => {
    expect(make('sensitive').scan('The capital of France is Paris.', ctx('output')).score).toBe(0);
  });
});

describe('deanonymize', () => {
  const deanonymize = make('deanonymize');

  it('round-trips anonymize -> model answer -> deanonymize', () => {
    const vault = new Vault();
    const prompt = anonymize.scan('Write to jane@corp.com about card 4111 1111 1111 1111', ctx('input', vault)).sanitized!;
    expect(prompt).toBe('Write to [REDACTED_EMAIL_1] about card [REDACTED_CREDIT_CARD_1]');
    const answer = 'Dear [REDACTED_EMAIL_1], your card [REDACTED_CREDIT_CARD_1] was charged.';
    const r = deanonymize.scan(answer, ctx('output', vault));
    expect(r.score).toBe(0);
    expect(r.sanitized).toBe('Dear jane@corp.com, your card 4111 1111 1111 1111 was charged.');
  });

  it('restores placeholders the model altered slightly (brackets dropped, case, spaces)', () => {
    const vault = Vault.from([['[REDACTED_EMAIL_1]', 'jane@corp.com']]);
    const r = deanonymize.scan('Hi REDACTED_EMAIL_1 / [redacted email 1] / Redacted_Email_1.', ctx('output', vault));
    expect(r.sanitized).toBe('Hi jane@corp.com / jane@corp.com / jane@corp.com.');
  });

  it('leaves unknown placeholders and plain text alone', () => {
    const vault = Vault.from([['[REDACTED_EMAIL_1]', 'jane@corp.com']]);
    const r = deanonymize.scan('see [REDACTED_EMAIL_2] and [REDACTED_EMAIL_12]', ctx('output', vault));
    expect(r.sanitized).toBeUndefined();
    expect(r.score).toBe(0);
  });
});
