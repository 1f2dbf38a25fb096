import { OptionReader } from './options.parser.js';
import { applyReplacements } from './redaction.util.js';
import { BOTH, type Finding, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { normalizeForMatching, normalizePattern, type NormalizeOptions } from './text.normalizer.js';

export interface BanSubstringsOptions {
  substrings: string[];
  match_type: 'str' | 'word';
  case_sensitive: boolean;
  /** Risk only when every substring occurs. */
  contains_all: boolean;
  redact: boolean;
}

const NAME = 'ban_substrings';
const WORD_CHAR = /[\p{L}\p{N}_]/u;
// Scripts written without spaces have no word boundaries to check.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

export const banSubstringsDefinition: ScannerDefinition<BanSubstringsOptions> = {
  name: NAME,
  directions: BOTH,
  defaults: { substrings: [], match_type: 'str', case_sensitive: false, contains_all: false, redact: false },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const options: BanSubstringsOptions = {
      substrings: r.strings('substrings', []),
      match_type: r.oneOf('match_type', 'str', ['str', 'word'] as const),
      case_sensitive: r.bool('case_sensitive', false),
      contains_all: r.bool('contains_all', false),
      redact: r.bool('redact', false),
    };
    r.done();
    const normOpts: NormalizeOptions = { caseFold: !options.case_sensitive };
    options.substrings.forEach((s, i) => {
      if (normalizePattern(s, normOpts).trim().length === 0) r.fail(`substrings[${i}]`, 'must contain visible characters', s);
    });
    return options;
  },
  create(options) {
    const normOpts: NormalizeOptions = { caseFold: !options.case_sensitive };
    const patterns = options.substrings.map((s, index) => ({ index, original: s, text: normalizePattern(s, normOpts).trim() }));
    const word = options.match_type === 'word';
    return {
      name: NAME,
      directions: BOTH,
      scan(text): ScanResult {
        if (patterns.length === 0) return { score: 0, reason: 'no substrings configured' };
        const norm = normalizeForMatching(text, normOpts);
        const hay = norm.text;
        const findings: Finding[] = [];
        const matched = new Set<number>();
        for (const p of patterns) {
          const checkLeft = word && !UNSPACED.test(p.text[0]!);
          const checkRight = word && !UNSPACED.test(p.text[p.text.length - 1]!);
          let from = 0;
          let at: number;
          while ((at = hay.indexOf(p.text, from)) !== -1) {
            const end = at + p.text.length;
            from = at + 1;
            if (checkLeft && WORD_CHAR.test(hay[at - 1] ?? '')) continue;
            if (checkRight && WORD_CHAR.test(hay[end] ?? '')) continue;
            matched.add(p.index);
            findings.push({ kind: 'BANNED_SUBSTRING', start: norm.map(at), end: norm.mapEnd(end) });
            from = end;
          }
        }
        const hit = options.contains_all ? matched.size === patterns.length : matched.size > 0;
        if (!hit) return { score: 0, reason: 'no banned substrings' };
        const names = [...matched].sort((a, b) => a - b).slice(0, 5).map((i) => JSON.stringify(patterns[i]!.original.slice(0, 40)));
        const result: ScanResult = {
          score: 1,
          reason: `banned substring${matched.size > 1 ? 's' : ''} ${names.join(', ')}${matched.size > 5 ? ` (+${matched.size - 5} more)` : ''}`,
          findings: findings.sort((a, b) => a.start - b.start),
        };
        if (options.redact) result.sanitized = applyReplacements(text, findings.map((f) => ({ start: f.start, end: f.end, text: '[REDACTED]' })));
        return result;
      },
    };
  },
};
