import { OptionReader } from './options.parser.js';
import { ENGLISH_REFUSALS, OTHER_REFUSALS } from './refusal.phrases.js';
import { OUTPUT, type Finding, type ScannerDefinition, type ScanResult } from './scanner.types.js';
import { normalizeForMatching, normalizePattern } from './text.normalizer.js';

export interface NoRefusalOptions {
  /** Extra refusal phrases (any language), matched like the built-in ones. */
  phrases: string[];
}

const NAME = 'no_refusal';
// Refusals open an answer; past this point a match barely changes the verdict, so it is not searched.
const SCAN_PREFIX = 4000;

/** How much an answer's length dilutes a refusal: a two-line "I can't" is a refusal; a long answer with one is not. */
function dominance(length: number): number {
  if (length <= 400) return 1;
  if (length <= 1000) return 0.8;
  if (length <= 3000) return 0.6;
  return 0.4;
}

export const noRefusalDefinition: ScannerDefinition<NoRefusalOptions> = {
  name: NAME,
  directions: OUTPUT,
  defaults: { phrases: [] },
  parseOptions(raw) {
    const r = new OptionReader(NAME, raw);
    const options = { phrases: r.strings('phrases', []) };
    r.done();
    options.phrases.forEach((p, i) => {
      if (normalizePattern(p).trim().length < 3) r.fail(`phrases[${i}]`, 'must have at least 3 visible characters', p);
    });
    return options;
  },
  create(options) {
    const literals: Array<{ text: string; weight: number }> = [];
    for (const list of Object.values(OTHER_REFUSALS)) for (const p of list) literals.push({ text: normalizePattern(p), weight: 1 });
    for (const p of options.phrases) literals.push({ text: normalizePattern(p).trim(), weight: 1 });
    return {
      name: NAME,
      directions: OUTPUT,
      scan(text): ScanResult {
        const norm = normalizeForMatching(text.length > SCAN_PREFIX ? text.slice(0, SCAN_PREFIX) : text);
        const hay = norm.text;
        const length = text.trim().length;
        if (length === 0) return { score: 0, reason: 'empty answer' };
        const early = Math.max(200, Math.floor(hay.length * 0.2));
        const dom = dominance(length);
        const hits: Array<{ start: number; end: number; weight: number }> = [];
        for (const p of ENGLISH_REFUSALS) {
          p.re.lastIndex = 0;
          let m: RegExpExecArray | null;
          while ((m = p.re.exec(hay)) !== null) hits.push({ start: m.index, end: m.index + m[0].length, weight: p.weight });
        }
        for (const l of literals) {
          const at = hay.indexOf(l.text);
          if (at !== -1) hits.push({ start: at, end: at + l.text.length, weight: l.weight });
        }
        if (hits.length === 0) return { score: 0, reason: 'no refusal' };
        let best = 0;
        for (const h of hits) best = Math.max(best, h.weight * (h.start < early ? 1 : 0.5) * dom);
        const strong = new Set(hits.filter((h) => h.weight >= 0.6).map((h) => h.start));
        // Several distinct refusal sentences reinforce each other.
        if (strong.size >= 2) best = Math.min(1, best + 0.1);
        const score = Math.round(best * 1000) / 1000;
        const findings: Finding[] = hits
          .sort((a, b) => a.start - b.start)
          .filter((h, i, all) => i === 0 || h.start >= all[i - 1]!.end)
          .map((h) => ({ kind: 'REFUSAL', start: norm.map(h.start), end: norm.mapEnd(h.end) }));
        const label = score >= 0.7 ? 'refusal' : score >= 0.4 ? 'partial refusal' : 'refusal phrase in passing';
        return { score, reason: `${label} (${findings.length} phrase${findings.length > 1 ? 's' : ''})`, findings };
      },
    };
  },
};
