import { OptionReader } from './options.parser.js';
import { applyReplacements } from './redaction.util.js';
import { ScannerConfigError } from './scanner.errors.js';
import { BOTH, type Finding, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { normalizeForMatching } from './text.normalizer.js';

export interface RegexOptions {
  /** JS regex sources, or "/source/flags" literals. */
  patterns: string[];
  /** true: a match is the risk; false: text matching no pattern is the risk. */
  is_blocked: boolean;
  match_type: 'search' | 'full_match';
  redact: boolean;
  /** Match on evasion-normalized text (zero-width removed, look-alikes and fullwidth folded; case kept). */
  normalize: boolean;
}

const NAME = 'regex';
const LITERAL = /^\/([\s\S]+)\/([dgimsuyv]*)$/;

function compile(source: string, index: number, fullMatch: boolean): RegExp {
  const literal = LITERAL.exec(source);
  const body = literal ? literal[1]! : source;
  const userFlags = literal ? literal[2]!.replace(/[gy]/g, '') : '';
  const wrap = (b: string) => (fullMatch ? `^(?:${b})$` : b);
  const attempts = literal ? [userFlags] : ['u', ''];
  let lastError: unknown;
  // Plain sources try Unicode mode first (\p{...}); sources written for other engines often only compile without it.
  for (const flags of attempts) {
    try {
      return new RegExp(wrap(body), `g${flags}`);
    } catch (e) {
      lastError = e;
    }
  }
  const why = lastError instanceof Error ? lastError.message : String(lastError);
  throw new ScannerConfigError(`scanner "${NAME}": option "patterns[${index}]" is not a valid regular expression (${JSON.stringify(source.slice(0, 60))}): ${why}`, NAME, `patterns[${index}]`);
}

export const regexDefinition: ScannerDefinition<RegexOptions> = {
  name: NAME,
  directions: BOTH,
  defaults: { patterns: [], is_blocked: true, match_type: 'search', redact: false, normalize: false },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const options: RegexOptions = {
      patterns: r.strings('patterns', []),
      is_blocked: r.bool('is_blocked', true),
      match_type: r.oneOf('match_type', 'search', ['search', 'full_match'] as const),
      redact: r.bool('redact', false),
      normalize: r.bool('normalize', false),
    };
    r.done();
    options.patterns.forEach((p, i) => compile(p, i, options.match_type === 'full_match'));
    return options;
  },
  create(options) {
    const regexes = options.patterns.map((p, i) => compile(p, i, options.match_type === 'full_match'));
    return {
      name: NAME,
      directions: BOTH,
      scan(text): ScanResult {
        if (regexes.length === 0) return { score: 0, reason: 'no patterns configured' };
        const norm = options.normalize ? normalizeForMatching(text, { caseFold: false, collapseWhitespace: false }) : undefined;
        const hay = norm ? norm.text : text;
        const findings: Finding[] = [];
        const matched: number[] = [];
        regexes.forEach((re, i) => {
          re.lastIndex = 0;
          let m: RegExpExecArray | null;
          let any = false;
          while ((m = re.exec(hay)) !== null) {
            any = true;
            if (m[0].length === 0) {
              re.lastIndex++;
              continue;
            }
            const start = norm ? norm.map(m.index) : m.index;
            const end = norm ? norm.mapEnd(m.index + m[0].length) : m.index + m[0].length;
            findings.push({ kind: `PATTERN_${i}`, start, end });
          }
          if (any) matched.push(i);
        });
        if (!options.is_blocked) {
          return matched.length > 0 ? { score: 0, reason: `matched required pattern #${matched[0]}` } : { score: 1, reason: 'text matches none of the required patterns' };
        }
        if (matched.length === 0) return { score: 0, reason: 'no pattern matched' };
        const result: ScanResult = {
          score: 1,
          reason: `matched pattern${matched.length > 1 ? 's' : ''} ${matched.map((i) => `#${i}`).join(', ')} (${findings.length} match${findings.length > 1 ? 'es' : ''})`,
          findings: findings.sort((a, b) => a.start - b.start),
        };
        if (options.redact && findings.length > 0) result.sanitized = applyReplacements(text, findings.map((f) => ({ start: f.start, end: f.end, text: '[REDACTED]' })));
        return result;
      },
    };
  },
};
