import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS } from '../src/index.js';
import { extractUrls } from '../src/url.extractor.js';
import { ctx, make } from './scan.helpers.js';

const urls = make('malicious_urls');
const scan = (text: string, s = urls) => s.scan(text, ctx('output'));

describe('URL extraction', () => {
  it('finds scheme URLs, www. and bare domains with paths, trimming prose punctuation', () => {
    const text = 'See https://example.com/a?b=1, www.test.org and docs.python.org/3/library (or http://x.io/Foo_(bar)).';
    expect(extractUrls(text).map((u) => u.raw)).toEqual(['https://example.com/a?b=1', 'www.test.org', 'docs.python.org/3/library', 'http://x.io/Foo_(bar)']);
  });

  it('does not take file names or abbreviations for URLs', () => {
    expect(extractUrls('open config.yaml, e.g. the file index.html')).toEqual([]);
  });
});

describe('malicious_urls', () => {
  it.each([
    ['IP-literal host', 'Download from http://45.33.32.156/payload'],
    ['obfuscated IP host', 'go to http://3232235777/x'],
    ['credentials/@ in authority', 'login at https://paypal.com@evil.example/login'],
    ['mixed-script (homograph) domain', 'visit https://p\u0430ypal.com/signin'],
    ['mixed-script (homograph) domain', 'visit https://\u0430\u0440\u0440\u04cf\u0435.com/'],
    ['punycode/IDN domain', 'visit https://xn--bcher-kva.example/'],
    ['mixed-script (homograph) domain', 'visit https://xn--80ak6aa92e.com/ (аррӏе in Cyrillic)'],
    ['suspicious TLD .zip', 'get https://github-release.zip/file'],
    ['long subdomain chain', 'https://login.secure.account.verify.paypal.com.attacker.net/x'],
    ['URL shortener', 'short link bit.ly/3xYz'],
    ['executable download', 'install https://downloads.example.com/tool/setup.exe now'],
    ['javascript: URL', 'click javascript:alert(document.cookie)'],
    ['data: URL with active content', 'open data:text/html;base64,PHNjcmlwdD4='],
  ])('%s', (signal, text) => {
    const r = scan(text);
    expect(r.score).toBeGreaterThan(0.35);
    expect(r.reason).toContain(signal);
  });

  it('combines signals (noisy-OR) and redacts flagged URLs', () => {
    const r = scan('get http://185.1.2.3/update.exe or https://example.com/docs');
    expect(r.score).toBeCloseTo(1 - 0.4 * 0.3, 3);
    expect(r.sanitized).toBe('get [REDACTED_URL] or https://example.com/docs');
    expect(r.findings).toHaveLength(1);
  });

  it('passes ordinary links', () => {
    for (const text of ['Docs: https://nodejs.org/api/url.html', 'See https://en.wikipedia.org/wiki/Foo_(bar).', 'Mail me at a@b.com', 'https://www.google.com/search?q=x', 'Nothing here.']) {
      expect(scan(text).score, text).toBe(0);
    }
  });

  it('honours deny_list and allow_list (suffix match) and the shortener switch', () => {
    const s = make('malicious_urls', { deny_list: ['evil.com'], allow_list: ['trusted.zip'], flag_shorteners: false });
    expect(scan('see https://cdn.evil.com/x', s).score).toBe(1);
    expect(scan('see https://files.trusted.zip/a', s).score).toBe(0);
    expect(scan('see https://bit.ly/abc', s).score).toBe(0);
    expect(scan('see https://good.example.xyz/', make('malicious_urls', { suspicious_tlds: ['tk'] })).score).toBe(0);
  });

  it('validates options', () => {
    const def = RULE_SCANNERS.malicious_urls!;
    expect(() => def.parseOptions({ deny_list: ['ok.com', 'bad domain/with path'] })).toThrow(/"deny_list\[1\]"/);
    expect(() => def.parseOptions({ flag_shorteners: 'sometimes' })).toThrow(/"flag_shorteners"/);
  });
});
