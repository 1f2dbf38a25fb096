import { OptionReader } from './options.parser.js';
import { applyReplacements, summarize, type Replacement } from './redaction.util.js';
import { BOTH, type Finding, type Scanner, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { findSecrets, SECRET_LABELS, type SecretDetectorOptions } from './secrets.detectors.js';
import { normalizeForMatching } from './text.normalizer.js';

export interface SecretsOptions {
  redact_mode: 'all' | 'partial';
  /** Shannon-entropy thresholds (bits per char) for unknown high-entropy tokens; false disables that detector. */
  entropy_threshold: { base64: number; hex: number } | false;
  /** Literal values never reported (test fixtures, public demo keys). */
  allow: string[];
}

const NAME = 'secrets';
const MAX_REASON_ITEMS = 5;

function parseEntropy(r: OptionReader): SecretsOptions['entropy_threshold'] {
  const v = r.value('entropy_threshold');
  const check = (n: unknown, option: string, max: number): number => {
    const x = typeof n === 'string' && n.trim() !== '' ? Number(n) : n;
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0 || x > max) r.fail(option, `must be a number in (0, ${max}]`, n);
    return x as number;
  };
  if (v === undefined || v === null) return { base64: 4.0, hex: 3.0 };
  if (v === false || v === 'false' || v === 'off') return false;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== 'base64' && k !== 'hex') r.fail(`entropy_threshold.${k}`, 'is not a known key (base64, hex)', o[k]);
    return {
      base64: o.base64 === undefined ? 4.0 : check(o.base64, 'entropy_threshold.base64', 6),
      hex: o.hex === undefined ? 3.0 : check(o.hex, 'entropy_threshold.hex', 4),
    };
  }
  // One number sets the base64 threshold; hex tokens have 4 bits/char at most, so scale it.
  const base64 = check(v, 'entropy_threshold', 6);
  return { base64, hex: Math.min(4, base64 * 0.75) };
}

export const secretsDefinition: ScannerDefinition<SecretsOptions> = {
  name: NAME,
  directions: BOTH,
  defaults: { redact_mode: 'all', entropy_threshold: { base64: 4.0, hex: 3.0 }, allow: [] },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const options: SecretsOptions = {
      redact_mode: r.oneOf('redact_mode', 'all', ['all', 'partial'] as const),
      entropy_threshold: parseEntropy(r),
      allow: r.strings('allow', []),
    };
    r.done();
    return options;
  },
  create(options) {
    const detectorOptions: SecretDetectorOptions = {
      entropy: options.entropy_threshold !== false,
      base64Threshold: options.entropy_threshold === false ? Infinity : options.entropy_threshold.base64,
      hexThreshold: options.entropy_threshold === false ? Infinity : options.entropy_threshold.hex,
    };
    const allow = new Set(options.allow);
    const partial = options.redact_mode === 'partial';
    return {
      name: NAME,
      directions: BOTH,
      scan(text): ScanResult {
        // Case is kept (key formats are case-sensitive); invisible characters and look-alikes are not.
        const norm = normalizeForMatching(text, { caseFold: false, collapseWhitespace: false });
        const matches = findSecrets(norm.text, detectorOptions);
        const findings: Finding[] = [];
        const replacements: Replacement[] = [];
        let score = 0;
        for (const m of matches) {
          const start = norm.map(m.start);
          const end = norm.mapEnd(m.end);
          const original = text.slice(start, end);
          if (allow.has(m.value) || allow.has(original)) continue;
          findings.push({ kind: m.kind, start, end });
          score = Math.max(score, m.score);
          // Partial mode keeps a short prefix so people can tell which key leaked; short secrets keep less.
          const keep = partial ? Math.min(4, Math.floor(m.value.length / 3)) : 0;
          replacements.push({ start, end, text: `${m.value.slice(0, keep)}[REDACTED_${m.kind}]` });
        }
        if (findings.length === 0) return { score: 0, reason: 'no secrets found' };
        const shown = findings.slice(0, MAX_REASON_ITEMS).map((f) => `${SECRET_LABELS[f.kind] ?? f.kind} at ${f.start}-${f.end}`);
        const more = findings.length > MAX_REASON_ITEMS ? ` (+${findings.length - MAX_REASON_ITEMS} more: ${summarize(findings.slice(MAX_REASON_ITEMS), (k) => SECRET_LABELS[k] ?? k)})` : '';
        return { score, reason: shown.join('; ') + more, sanitized: applyReplacements(text, replacements), findings };
      },
    };
  },
};
