import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS, ScannerConfigError } from '../src/index.js';
import { ctx, found, make } from './scan.helpers.js';

describe('regex', () => {
  it('blocks on a match and redacts matches', () => {
    const s = make('regex', { patterns: ['Bearer [A-Za-z0-9._-]+', '\\bsk-\\w+'], redact: true });
    const r = s.scan('auth: Bearer abc.def and sk-123', ctx());
    expect(r.score).toBe(1);
    expect(r.reason).toBe('matched patterns #0, #1 (2 matches)');
    expect(r.sanitized).toBe('auth: [REDACTED] and [REDACTED]');
    expect(s.scan('nothing here', ctx()).score).toBe(0);
  });

  it('is_blocked=false flags text that matches no pattern', () => {
    const s = make('regex', { patterns: ['^\\s*\\{'], is_blocked: false });
    expect(s.scan('{"ok": true}', ctx()).score).toBe(0);
    expect(s.scan('plain text', ctx()).score).toBe(1);
  });

  it('full_match needs the whole text to match', () => {
    const s = make('regex', { patterns: ['\\d{4}'], match_type: 'full_match' });
    expect(s.scan('1234', ctx()).score).toBe(1);
    expect(s.scan('a 1234 b', ctx()).score).toBe(0);
  });

  it('supports /source/flags literals and Unicode property escapes', () => {
    expect(make('regex', { patterns: ['/secret/i'] }).scan('SECRET', ctx()).score).toBe(1);
    expect(make('regex', { patterns: ['\\p{Script=Cyrillic}+'] }).scan('abc где', ctx()).score).toBe(1);
  });

  it('normalize option sees through zero-width characters and look-alikes, redacting the original span', () => {
    const plain = make('regex', { patterns: ['password'] });
    const norm = make('regex', { patterns: ['password'], normalize: true, redact: true });
    const text = 'my \u0440\u0430ss\u200bword';
    expect(plain.scan(text, ctx()).score).toBe(0);
    expect(found(norm, text)).toEqual(['\u0440\u0430ss\u200bword']);
    expect(norm.scan(text, ctx()).sanitized).toBe('my [REDACTED]');
  });

  it('rejects an invalid pattern naming it and its index', () => {
    const def = RULE_SCANNERS.regex!;
    expect(() => def.parseOptions({ patterns: ['ok', '(unclosed'] })).toThrow(ScannerConfigError);
    expect(() => def.parseOptions({ patterns: ['ok', '(unclosed'] })).toThrow(/"patterns\[1\]".*"\(unclosed"/);
    expect(() => def.parseOptions({ patterns: ['/a/ii'] })).toThrow(/patterns\[0\]/);
    expect(() => def.parseOptions({ patterns: ['a'], match_type: 'fullmatch' })).toThrow(/"match_type"/);
  });

  it('handles patterns that match the empty string without looping', () => {
    expect(make('regex', { patterns: ['x*'] }).scan('abc', ctx()).score).toBe(1);
  });
});
