import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Natural-language identification with ELD (Efficient Language Detector, pure JS, ISO 639-1
 * output, 60 languages, accurate on sentence-length text), plus script shortcuts for scripts that
 * belong to one language (kana, Hangul, Thai, ...).
 *
 * ELD is ESM-only and its n-gram table takes ~0.7 s to build, so it is loaded lazily and
 * synchronously (require of an ES module, Node >= 20.19) the first time it is needed, keeping
 * both `detectLanguage` and the scanners synchronous. Without it, only the script shortcuts work.
 */

interface EldResult {
  language: string;
  isReliable(): boolean;
}
interface Eld {
  detect(text: string): EldResult;
}

let eld: Eld | null | undefined;
const ELD_ENTRY = join('eld', 'src', 'entries', 'static.small.js');

/** Loads the detector now (call at startup to keep the first request fast). Returns false if unavailable. */
export function loadLanguageDetector(): boolean {
  if (eld !== undefined) return eld !== null;
  eld = null;
  try {
    const require = createRequire(import.meta.url);
    // The package only exports an "import" condition, so resolve its file through node_modules by hand.
    for (const dir of require.resolve.paths('eld') ?? []) {
      const file = join(dir, ELD_ENTRY);
      if (existsSync(file)) {
        eld = (require(file) as { eld: Eld }).eld;
        break;
      }
    }
  } catch {
    eld = null;
  }
  return eld !== null;
}

const NOISE = [
  /```[\s\S]*?(?:```|$)/g, // fenced code
  /`[^`\n]{0,200}`/g, // inline code
  /\b(?:https?|ftp):\/\/\S+|(?<![\w.])www\.\S+/gi,
  /(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g,
  /[\p{N}\p{P}\p{S}_]+/gu,
];
const LETTER = /\p{L}/gu;

const SCRIPTS: Array<[RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Armenian}/gu, 'hy'],
];
// Fallbacks used only when ELD is unavailable.
const FALLBACK_SCRIPTS: Array<[RegExp, string]> = [
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu, 'vi'],
];

const count = (re: RegExp, s: string) => s.match(re)?.length ?? 0;

export interface LanguageGuess {
  language: string | undefined;
  reliable: boolean;
  /** Letters seen after removing code, URLs, numbers and punctuation. */
  letters: number;
}

const SAMPLE = 2000;

export function identifyLanguage(text: string): LanguageGuess {
  let clean = text.length > SAMPLE * 4 ? text.slice(0, SAMPLE * 4) : text;
  for (const re of NOISE) clean = clean.replace(re, ' ');
  clean = clean.replace(/\s+/g, ' ').trim().slice(0, SAMPLE);
  const letters = count(LETTER, clean);
  if (letters === 0) return { language: undefined, reliable: false, letters };
  // Japanese mixes kanji with kana; a little kana is enough to tell it from Chinese.
  for (const [re, lang] of SCRIPTS) {
    const n = count(re, clean);
    if (n / letters >= (lang === 'ja' ? 0.1 : 0.3)) return { language: lang, reliable: letters >= 4, letters };
  }
  if (loadLanguageDetector()) {
    const r = eld!.detect(clean);
    return { language: r.language || undefined, reliable: r.language !== '' && r.isReliable(), letters };
  }
  for (const [re, lang] of FALLBACK_SCRIPTS) {
    if (count(re, clean) / letters >= (lang === 'vi' ? 0.05 : 0.3)) return { language: lang, reliable: false, letters };
  }
  return { language: undefined, reliable: false, letters };
}

/** ISO 639-1 code of the text's language, or undefined when there is no telling. */
export function detectLanguage(text: string): string | undefined {
  return identifyLanguage(text).language;
}
