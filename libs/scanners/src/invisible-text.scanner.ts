import { OptionReader } from './options.parser.js';
import { applyReplacements, summarize } from './redaction.util.js';
import { INPUT, type Finding, type ScannerDefinition, type ScanResult } from './scanner.types.js';

export type InvisibleTextOptions = Record<string, never>;

const NAME = 'invisible_text';

// Quick reject: nothing here means nothing to do (the common case).
const CANDIDATE = /[\p{Cf}\p{Co}\p{Cn}\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;
const EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]$/u;
const EMOJI_BASE = /^\p{Extended_Pictographic}$/u;
// Scripts whose orthography uses ZWJ/ZWNJ (Persian, Urdu, Indic conjuncts, Mongolian).
const JOINING_SCRIPT = /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Mongolian}\p{Script=Nko}\p{M}]$/u;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const CF = /^\p{Cf}$/u;
const CO = /^\p{Co}$/u;
const CN = /^\p{Cn}$/u;

type Kind = 'TAG' | 'BIDI_CONTROL' | 'ZERO_WIDTH' | 'FORMAT' | 'PRIVATE_USE' | 'UNASSIGNED' | 'VARIATION_SELECTOR' | 'FILLER';

const LABELS: Record<Kind, string> = {
  TAG: 'tag characters (hidden ASCII)',
  BIDI_CONTROL: 'bidi control characters',
  ZERO_WIDTH: 'zero-width characters',
  FORMAT: 'format characters',
  PRIVATE_USE: 'private-use characters',
  UNASSIGNED: 'unassigned code points',
  VARIATION_SELECTOR: 'stacked variation selectors',
  FILLER: 'blank filler characters',
};

function classify(cp: number, ch: string): Kind | undefined {
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'TAG';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'BIDI_CONTROL';
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp === 0x180e) return 'ZERO_WIDTH';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'VARIATION_SELECTOR';
  if (cp === 0x034f || cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return 'FILLER';
  if (CF.test(ch)) return 'FORMAT';
  if (CO.test(ch)) return 'PRIVATE_USE';
  if (CN.test(ch)) return 'UNASSIGNED';
  return undefined;
}

/**
 * Characters with a legitimate visible role are allowed: ZWJ inside emoji sequences, ZWJ/ZWNJ
 * between letters of scripts that need them, one emoji/text variation selector after a
 * character, a leading BOM, and LRM/RLM/ALM in text that contains right-to-left letters.
 * Everything else (tag characters, overrides/isolates, zero-width spaces inside words,
 * stacked or supplementary variation selectors used to smuggle bytes) is reported.
 */
function allowed(kind: Kind, cp: number, prev: string | undefined, next: string | undefined, atStart: boolean, hasRtl: boolean): boolean {
  switch (kind) {
    case 'ZERO_WIDTH':
      if (cp === 0xfeff && atStart) return true;
      if (cp === 0x200d && prev !== undefined && next !== undefined && EMOJI.test(prev) && EMOJI_BASE.test(next)) return true;
      if ((cp === 0x200c || cp === 0x200d) && prev !== undefined && next !== undefined && JOINING_SCRIPT.test(prev) && JOINING_SCRIPT.test(next)) return true;
      return false;
    case 'VARIATION_SELECTOR': {
      if (cp !== 0xfe0e && cp !== 0xfe0f) return false;
      const prevCp = prev?.codePointAt(0);
      return prevCp !== undefined && !(prevCp >= 0xfe00 && prevCp <= 0xfe0f) && !(prevCp >= 0xe0100 && prevCp <= 0xe01ef);
    }
    case 'BIDI_CONTROL':
      return hasRtl && (cp === 0x200e || cp === 0x200f || cp === 0x061c);
    default:
      return false;
  }
}

/** The code point ending just before index i, as a string. */
function charBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1];
}

function charAt(text: string, i: number): string | undefined {
  if (i >= text.length) return undefined;
  return String.fromCodePoint(text.codePointAt(i)!);
}

export const invisibleTextDefinition: ScannerDefinition<InvisibleTextOptions> = {
  name: NAME,
  directions: INPUT,
  defaults: {},
  parseOptions(raw) {
    new OptionReader(NAME, raw).done();
    return {};
  },
  create() {
    return {
      name: NAME,
      directions: INPUT,
      scan(text): ScanResult {
        if (!CANDIDATE.test(text)) return { score: 0, reason: 'no invisible characters' };
        const hasRtl = RTL_LETTER.test(text);
        const findings: Finding[] = [];
        for (let i = 0; i < text.length; ) {
          const cp = text.codePointAt(i)!;
          const width = cp > 0xffff ? 2 : 1;
          const start = i;
          i += width;
          if (cp < 0xad) continue;
          const ch = width === 1 ? text[start]! : text.slice(start, i);
          const kind = classify(cp, ch);
          if (kind === undefined || allowed(kind, cp, charBefore(text, start), charAt(text, i), start === 0, hasRtl)) continue;
          const last = findings[findings.length - 1];
          if (last && last.kind === kind && last.end === start) last.end = i;
          else findings.push({ kind, start, end: i });
        }
        if (findings.length === 0) return { score: 0, reason: 'only legitimate joiners/selectors' };
        return {
          score: 1,
          reason: summarize(findings, (k) => LABELS[k as Kind] ?? k),
          sanitized: applyReplacements(text, findings.map((f) => ({ start: f.start, end: f.end, text: '' }))),
          findings,
        };
      },
    };
  },
};
