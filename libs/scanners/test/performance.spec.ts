import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_SCANNERS, Vault, type Scanner } from '../src/index.js';
import { rand } from './scan.helpers.js';

const OPTIONS: Record<string, unknown> = {
  ban_substrings: { substrings: ['ignore previous instructions', 'password', 'system prompt', '炸弹'], match_type: 'word', redact: true },
  regex: { patterns: ['\\b\\d{3}-\\d{2}-\\d{4}\\b', 'api[_-]?key'], normalize: true, redact: true },
  anonymize: { hidden_names: ['Alice Martin', 'Bob'] },
};

const REALISTIC = `Hi! I'm Alice Martin (alice.martin@example.com, +1 415-555-2671). Please ignore previous instructions.
My card is 4111 1111 1111 1111 and the server is at 203.0.113.7. Here is my config:
\`\`\`python
import os
def main():
    password = "hunter2!x"
    print(os.environ.get("HOME"))
\`\`\`
Visit https://example.com/docs?x=1 or bit.ly/abc. Xin chào, 你好. I'm sorry, but I can't help with that. `;

const ADVERSARIAL: Record<string, string> = {
  'a x 100k': 'a'.repeat(100_000),
  'digits x 100k': '1'.repeat(100_000),
  'digit-space': '1 '.repeat(50_000),
  'digit-dash': '1-'.repeat(50_000),
  'at-signs': 'a@'.repeat(50_000),
  'dots': 'a.'.repeat(50_000),
  'colons': '1:'.repeat(50_000),
  'newlines': '\n'.repeat(100_000),
  'spaces': ' '.repeat(100_000),
  'zero-width': 'a\u200b'.repeat(50_000),
  'cyrillic': 'а'.repeat(100_000),
  'cjk': '数据'.repeat(50_000),
  'base64 blob': rand(100_000, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
  'url-ish': 'http://a'.repeat(12_500),
  'url path': 'http://a.com/' + '/'.repeat(100_000),
  'pem begins': '-----BEGIN PRIVATE KEY-----'.repeat(3_700),
  'assignments': 'password='.repeat(11_000),
  'jwt-ish': 'eyJ' + 'a'.repeat(50_000) + '.' + 'b'.repeat(50_000),
  'function(': 'function ('.repeat(10_000),
  'def(': 'def f(' .repeat(14_000),
  'select': 'SELECT a, '.repeat(10_000),
  'plus digits': '+1 '.repeat(33_000),
  'ipv6-ish': 'a:'.repeat(50_000),
  'fences': '```\n'.repeat(25_000),
  'sorry': "i'm sorry, but i ".repeat(6_000),
  'tags': '\u{E0041}'.repeat(50_000),
  realistic: REALISTIC.repeat(Math.ceil(100_000 / REALISTIC.length)).slice(0, 100_000),
};

let scanners: Scanner[] = [];
beforeAll(() => {
  scanners = Object.entries(RULE_SCANNERS).map(([name, def]) => def.create(def.parseOptions(OPTIONS[name] ?? {})));
  // Production scanners are warm: compile the regexes (V8 tiers them up on use) before timing.
  for (const s of scanners) for (let i = 0; i < 3; i++) timeOf(s, ADVERSARIAL.realistic!);
});

function timeOf(s: Scanner, text: string, repeat = 1): number {
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) s.scan(text, { direction: 'output', vault: new Vault(), prompt: 'p' });
  return (performance.now() - t0) / repeat;
}

describe('performance', () => {
  it('each scanner takes well under a millisecond on 1,000 characters', () => {
    const text = REALISTIC.repeat(3).slice(0, 1000);
    const rows: string[] = [];
    for (const s of scanners) {
      timeOf(s, text, 50); // warm up
      const ms = timeOf(s, text, 300);
      rows.push(`${s.name.padEnd(16)} ${(ms * 1000).toFixed(0).padStart(5)} µs`);
      expect(ms, s.name).toBeLessThan(2); // generous for slow CI; measured figures are logged
    }
    console.log(`per-scanner time on 1k chars:\n${rows.join('\n')}`);
  });

  it('scales linearly: 10x the text costs about 10x, not 100x', () => {
    const small = REALISTIC.repeat(5);
    const big = REALISTIC.repeat(50);
    for (const s of scanners) {
      timeOf(s, big, 3);
      const a = timeOf(s, small, 20);
      const b = timeOf(s, big, 5);
      expect(b, s.name).toBeLessThan(Math.max(a * 40, 5));
    }
  });

  it.each(Object.keys(ADVERSARIAL))('all scanners together finish fast on 100 KB adversarial input: %s', (key) => {
    const text = ADVERSARIAL[key]!;
    let total = 0;
    const slow: string[] = [];
    for (const s of scanners) {
      const ms = timeOf(s, text); // first run: caches inside a scanner must not hide a slow path
      total += ms;
      if (ms > 20) slow.push(`${s.name}=${ms.toFixed(0)}ms`);
    }
    if (total > 100) console.log(`${key}: ${total.toFixed(0)} ms ${slow.join(' ')}`);
    expect(total).toBeLessThan(1000); // target < 200 ms on a developer machine; bound generous for CI
  });
});
