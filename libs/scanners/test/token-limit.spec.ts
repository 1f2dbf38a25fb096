import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS } from '../src/index.js';
import { approximateTokens, countTokensUpTo, loadEncoding, tokenChunks } from '../src/token.counter.js';
import { ctx, make } from './scan.helpers.js';

describe('token_limit', () => {
  const small = make('token_limit', { limit: 10 });

  it('passes text within the limit without tokenizing short inputs', () => {
    expect(small.scan('Hello world', ctx()).score).toBe(0);
    expect(make('token_limit').scan('x'.repeat(4000), ctx()).score).toBe(0);
  });

  it('counts cl100k_base tokens exactly and truncates to the limit', () => {
    const text = 'The quick brown fox jumps over the lazy dog again and again and again.';
    const r = small.scan(text, ctx());
    expect(r.score).toBe(1);
    expect(r.reason).toMatch(/more than 10 cl100k_base tokens/);
    expect(r.sanitized).toBe('The quick brown fox jumps over the lazy dog again');
    expect(r.findings?.[0]).toEqual({ kind: 'TOKEN_LIMIT', start: r.sanitized!.length, end: text.length });
  });

  it('counts the same as one-shot encoding across chunk boundaries', () => {
    const bpe = loadEncoding('cl100k_base')!;
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(200) + '数据 '.repeat(100);
    expect([...tokenChunks(text)].length).toBeGreaterThan(2);
    expect(countTokensUpTo(text, 1e9, bpe).count).toBe(bpe.encode(text).length);
  });

  it('treats special-token strings as text', () => {
    expect(make('token_limit', { limit: 3 }).scan('<|endoftext|> <|im_start|>', ctx()).score).toBe(1);
  });

  it('supports o200k_base and the approximation', () => {
    expect(make('token_limit', { limit: 5, encoding: 'o200k_base' }).scan('one two three four five six seven', ctx()).score).toBe(1);
    expect(make('token_limit', { limit: 5, encoding: 'approx' }).scan('one two three four five six seven', ctx()).score).toBe(1);
    expect(approximateTokens('abcd数据')).toBe(3);
  });

  it('stays fast on pathological inputs (one 100 KB "word", unspaced CJK)', () => {
    const s = make('token_limit', { limit: 1_000_000 });
    for (const text of ['a'.repeat(100_000), '数'.repeat(50_000), '\n'.repeat(100_000), ' '.repeat(100_000), '!'.repeat(100_000)]) {
      const t0 = performance.now();
      expect(s.scan(text, ctx()).score).toBe(0);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('validates options', () => {
    const def = RULE_SCANNERS.token_limit!;
    expect(() => def.parseOptions({ limit: 0 })).toThrow(/"limit"/);
    expect(() => def.parseOptions({ limit: 1.5 })).toThrow(/"limit"/);
    expect(() => def.parseOptions({ encoding: 'gpt2' })).toThrow(/"encoding"/);
    expect(def.parseOptions({ limit: '2048' })).toEqual({ limit: 2048, encoding: 'cl100k_base' });
  });
});
