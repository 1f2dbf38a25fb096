import { OptionReader } from './options.parser.js';
import { findPii, PII_KINDS, PII_LABELS, type PiiKind, type PiiMatch } from './pii.detectors.js';
import { applyReplacements, SpanSet, summarize, type Replacement } from './redaction.util.js';
import { INPUT, OUTPUT, type Finding, type Scanner, type ScanContext, type ScanDirection, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { normalizeForMatching, normalizePattern } from './text.normalizer.js';

export interface AnonymizeOptions {
  entity_types: PiiKind[];
  /** Literal names redacted as PERSON (there is no name model in the rule scanners). */
  hidden_names: string[];
  /** Literal values never redacted (the company's support address, a public IP). */
  allowed: string[];
  /** Leave RFC 1918, loopback, link-local and ULA addresses alone. */
  skip_private_ips: boolean;
}

export interface SensitiveOptions extends AnonymizeOptions {
  /** Provide a sanitized answer with vault placeholders. */
  redact: boolean;
}

function parseKinds(r: OptionReader): PiiKind[] {
  const list = r.strings('entity_types', PII_KINDS);
  return list.map((k, i) => {
    const kind = k.toUpperCase().replace(/[\s-]+/g, '_');
    const alias: Record<string, PiiKind> = { PHONE_NUMBER: 'PHONE', EMAIL_ADDRESS: 'EMAIL', IBAN_CODE: 'IBAN', SSN: 'US_SSN', IP: 'IP_ADDRESS', NAME: 'PERSON' };
    const resolved = (PII_KINDS as readonly string[]).includes(kind) ? (kind as PiiKind) : alias[kind];
    if (!resolved) r.fail(`entity_types[${i}]`, `must be one of ${PII_KINDS.join(', ')}`, k);
    return resolved;
  });
}

function parseCommon(r: OptionReader): AnonymizeOptions {
  return {
    entity_types: parseKinds(r),
    hidden_names: r.strings('hidden_names', []),
    allowed: r.strings('allowed', []),
    skip_private_ips: r.bool('skip_private_ips', false),
  };
}

const DEFAULTS: AnonymizeOptions = { entity_types: [...PII_KINDS], hidden_names: [], allowed: [], skip_private_ips: false };
const WORD_CHAR = /[\p{L}\p{N}_]/u;

interface Detected extends PiiMatch {
  value: string;
}

/** Shared detection: PII formats on lightly normalized text, hidden names on fully folded text. */
function makeDetector(options: AnonymizeOptions): (text: string) => Detected[] {
  const kinds = new Set(options.entity_types);
  const names = kinds.has('PERSON') ? [...new Set(options.hidden_names.map((n) => normalizePattern(n.trim())).filter((n) => n.length > 0))] : [];
  // Longest first so "Anna Maria" wins over "Anna".
  names.sort((a, b) => b.length - a.length);
  const allowed = new Set(options.allowed.map((a) => normalizePattern(a)));
  const piiOpts = { kinds, skipPrivateIps: options.skip_private_ips };
  return (text) => {
    const norm = normalizeForMatching(text, { caseFold: false, collapseWhitespace: false });
    const found = new SpanSet<Detected>();
    for (const m of findPii(norm.text, piiOpts)) {
      const value = norm.text.slice(m.start, m.end);
      if (allowed.has(normalizePattern(value))) continue;
      found.add({ kind: m.kind, start: norm.map(m.start), end: norm.mapEnd(m.end), value });
    }
    if (names.length > 0) {
      const folded = normalizeForMatching(text);
      for (const name of names) {
        let from = 0;
        let at: number;
        while ((at = folded.text.indexOf(name, from)) !== -1) {
          from = at + 1;
          const end = at + name.length;
          if (WORD_CHAR.test(folded.text[at - 1] ?? '') || WORD_CHAR.test(folded.text[end] ?? '')) continue;
          const start = folded.map(at);
          const oEnd = folded.mapEnd(end);
          if (allowed.has(name)) continue;
          found.add({ kind: 'PERSON', start, end: oEnd, value: text.slice(start, oEnd) });
        }
      }
    }
    return found.items;
  };
}

function redactWithVault(text: string, found: readonly Detected[], ctx: ScanContext): string {
  const replacements: Replacement[] = found.map((f) => ({ start: f.start, end: f.end, text: ctx.vault.add(f.kind, f.value) }));
  return applyReplacements(text, replacements);
}

function makeScanner(name: string, directions: readonly ScanDirection[], options: AnonymizeOptions, redact: boolean): Scanner {
  const detect = makeDetector(options);
  return {
    name,
    directions,
    scan(text, ctx): ScanResult {
      const found = detect(text);
      if (found.length === 0) return { score: 0, reason: 'no personal data found' };
      const findings: Finding[] = found.map(({ kind, start, end }) => ({ kind, start, end }));
      const result: ScanResult = { score: 1, reason: summarize(findings, (k) => PII_LABELS[k as PiiKind] ?? k), findings };
      if (redact) result.sanitized = redactWithVault(text, found, ctx);
      return result;
    },
  };
}

export const anonymizeDefinition: ScannerDefinition<AnonymizeOptions> = {
  name: 'anonymize',
  directions: INPUT,
  defaults: DEFAULTS,
  parseOptions(raw) {
    const r = new OptionReader('anonymize', raw);
    const options = parseCommon(r);
    r.done();
    return options;
  },
  create: (options) => makeScanner('anonymize', INPUT, options, true),
};

export const sensitiveDefinition: ScannerDefinition<SensitiveOptions> = {
  name: 'sensitive',
  directions: OUTPUT,
  defaults: { ...DEFAULTS, redact: true },
  parseOptions(raw) {
    const r = new OptionReader('sensitive', raw);
    const options = { ...parseCommon(r), redact: r.bool('redact', true) };
    r.done();
    return options;
  },
  create: (options) => makeScanner('sensitive', OUTPUT, options, options.redact),
};
