import { isIP } from 'node:net';
import { domainToUnicode } from 'node:url';
import { OptionReader } from './options.parser.js';
import { applyReplacements, clamp01 } from './redaction.util.js';
import { OUTPUT, type Finding, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { extractUrls } from './url.extractor.js';

export interface MaliciousUrlsOptions {
  /** Domains always flagged, suffix match ("evil.com" covers "a.evil.com"). */
  deny_list: string[];
  /** Domains never flagged, suffix match. */
  allow_list: string[];
  suspicious_tlds: string[];
  flag_shorteners: boolean;
  /** Provide a sanitized answer with flagged URLs replaced by [REDACTED_URL]. */
  redact: boolean;
}

const NAME = 'malicious_urls';
const DEFAULT_TLDS = [
  'zip', 'mov', 'xyz', 'top', 'tk', 'ml', 'ga', 'cf', 'gq', 'buzz', 'click', 'country', 'kim', 'work', 'loan', 'men',
  'download', 'racing', 'review', 'stream', 'gdn', 'bid', 'win', 'party', 'cam', 'rest', 'su', 'icu', 'cyou', 'monster', 'sbs', 'cfd',
];
const SHORTENERS = new Set([
  'bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'cutt.ly', 'rebrand.ly', 'shorturl.at', 'rb.gy',
  't.ly', 'tiny.cc', 'bit.do', 's.id', 'v.gd', 'shorte.st', 'adf.ly', 'bl.ink', 'lnkd.in', 'soo.gd', 'clck.ru', 'qr.ae', 'u.to', 'x.co',
]);
const EXECUTABLE = /\.(?:exe|scr|bat|cmd|pif|ps1|psm1|vbs|vbe|wsf|hta|msi|msp|apk|dll|jar|lnk|dmg|pkg|reg|cpl|xll|appx|msix)$/i;
const LATIN = /\p{Script=Latin}/u;
const OTHER_ALPHA = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;
const NON_ASCII = /[^\x00-\x7f]/;

interface Signal {
  name: string;
  weight: number;
}

const suffixMatch = (host: string, domains: readonly string[]) => domains.some((d) => host === d || host.endsWith(`.${d}`));

/** ASCII (punycode) host for a configured domain, so "bücher.de" and "xn--bcher-kva.de" are the same entry. */
function parseDomains(r: OptionReader, option: string): string[] {
  return r.strings(option, []).map((d, i) => {
    const bare = d.trim().toLowerCase().replace(/^\*\./, '').replace(/^\.+|\.+$/g, '');
    try {
      const host = new URL(`http://${bare}`).hostname;
      if (host && !/[/?#@]/.test(bare)) return host;
    } catch {
      /* reported below */
    }
    return r.fail(`${option}[${i}]`, 'must be a domain name', d);
  });
}

/** The authority as written, before WHATWG parsing folds numeric hosts ("http://3232235777") into dotted form. */
function rawAuthority(raw: string): string {
  const afterScheme = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return afterScheme.split(/[/?#]/)[0] ?? '';
}

export const maliciousUrlsDefinition: ScannerDefinition<MaliciousUrlsOptions> = {
  name: NAME,
  directions: OUTPUT,
  defaults: { deny_list: [], allow_list: [], suspicious_tlds: DEFAULT_TLDS, flag_shorteners: true, redact: true },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const options: MaliciousUrlsOptions = {
      deny_list: parseDomains(r, 'deny_list'),
      allow_list: parseDomains(r, 'allow_list'),
      suspicious_tlds: r.strings('suspicious_tlds', DEFAULT_TLDS).map((t) => t.trim().toLowerCase().replace(/^\./, '')),
      flag_shorteners: r.bool('flag_shorteners', true),
      redact: r.bool('redact', true),
    };
    r.done();
    return options;
  },
  create(options) {
    const tlds = new Set(options.suspicious_tlds);
    const deny = options.deny_list;
    const allow = options.allow_list;

    function signalsFor(raw: string, scheme: string): Signal[] | undefined {
      const signals: Signal[] = [];
      if (scheme === 'javascript' || scheme === 'vbscript') return [{ name: `${scheme}: URL`, weight: 1 }];
      if (scheme === 'data') {
        const html = /^data:(?:text\/html|image\/svg\+xml|application\/(?:x-)?(?:javascript|ecmascript|xhtml))/i.test(raw);
        return [{ name: html ? 'data: URL with active content' : 'data: URL', weight: html ? 0.9 : 0.3 }];
      }
      if (scheme.startsWith('hxxp')) signals.push({ name: 'defanged URL', weight: 0.3 });
      const authority = rawAuthority(raw);
      let url: URL;
      try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !scheme.startsWith('hxxp') ? raw : `http://${raw.replace(/^hxxps?:\/\//i, '')}`);
      } catch {
        return undefined;
      }
      const host = url.hostname.toLowerCase().replace(/\.$/, '');
      if (suffixMatch(host, allow)) return undefined;
      if (suffixMatch(host, deny)) signals.push({ name: 'deny-listed domain', weight: 1 });
      if (authority.includes('@')) signals.push({ name: 'credentials/@ in authority', weight: 0.8 });
      const rawHost = authority.replace(/^.*@/, '').replace(/:\d+$/, '');
      if (isIP(host.replace(/^\[|\]$/g, '')) || /^(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}$/i.test(rawHost)) {
        const obfuscated = !isIP(rawHost.replace(/^\[|\]$/g, ''));
        signals.push({ name: obfuscated ? 'obfuscated IP host' : 'IP-literal host', weight: obfuscated ? 0.9 : 0.6 });
      } else {
        const unicodeHost = domainToUnicode(host) || host;
        const labels = unicodeHost.split('.');
        const mixed = labels.some((l) => LATIN.test(l) && OTHER_ALPHA.test(l));
        // An all-Cyrillic label that only uses Latin look-alikes ("аррӏе") is a homograph too.
        const lookalike = labels.some((l) => !LATIN.test(l) && OTHER_ALPHA.test(l) && /^[аеорсухіјѕԁһӏԛԝαεορτυχνκιօսհ0-9-]+$/u.test(l));
        if (mixed || lookalike) signals.push({ name: 'mixed-script (homograph) domain', weight: 0.9 });
        else if (host.split('.').some((l) => l.startsWith('xn--')) || NON_ASCII.test(rawHost)) signals.push({ name: 'punycode/IDN domain', weight: 0.5 });
        const tld = labels[labels.length - 1] ?? '';
        if (tlds.has(tld)) signals.push({ name: `suspicious TLD .${tld}`, weight: 0.5 });
        if (labels.length >= 6 || host.length > 80) signals.push({ name: 'long subdomain chain', weight: 0.4 });
        if (options.flag_shorteners && SHORTENERS.has(host)) signals.push({ name: 'URL shortener', weight: 0.4 });
      }
      if (url.port && !['80', '443', '8080', '8443'].includes(url.port)) signals.push({ name: `unusual port ${url.port}`, weight: 0.2 });
      let path = url.pathname;
      try {
        path = decodeURIComponent(path);
      } catch {
        /* keep the encoded path */
      }
      if (EXECUTABLE.test(path)) signals.push({ name: 'executable download', weight: 0.7 });
      return signals;
    }

    return {
      name: NAME,
      directions: OUTPUT,
      scan(text): ScanResult {
        if (!/[:.]/.test(text)) return { score: 0, reason: 'no URLs' };
        const urls = extractUrls(text);
        if (urls.length === 0) return { score: 0, reason: 'no URLs' };
        let score = 0;
        const findings: Finding[] = [];
        const reasons = new Set<string>();
        for (const u of urls) {
          const signals = signalsFor(u.raw, u.scheme);
          if (!signals || signals.length === 0) continue;
          // Independent signals reinforce each other (noisy-OR); the strongest dominates.
          const urlScore = clamp01(1 - signals.reduce((p, s) => p * (1 - s.weight), 1));
          score = Math.max(score, urlScore);
          findings.push({ kind: 'SUSPICIOUS_URL', start: u.start, end: u.end });
          for (const s of signals) reasons.add(s.name);
        }
        if (findings.length === 0) return { score: 0, reason: `${urls.length} URL${urls.length > 1 ? 's' : ''}, none suspicious` };
        const result: ScanResult = {
          score: Math.round(score * 1000) / 1000,
          reason: `${findings.length} suspicious URL${findings.length > 1 ? 's' : ''}: ${[...reasons].join(', ')}`,
          findings,
        };
        if (options.redact) result.sanitized = applyReplacements(text, findings.map((f) => ({ start: f.start, end: f.end, text: '[REDACTED_URL]' })));
        return result;
      },
    };
  },
};
