/**
 * Normalization for matching, with an index map back to the original so that redactions found on
 * the normalized text land on the right characters of what the user actually sent.
 *
 * Evasions it sees through: zero-width and other format characters inserted inside words, tag
 * characters, variation selectors, combining marks piled on Latin/Greek/Cyrillic letters ("p̷a̷s̷s̷"),
 * compatibility forms (fullwidth "ｐａｓｓ", mathematical "𝐩𝐚𝐬𝐬", ligatures "ﬁ"), look-alike letters
 * from Cyrillic, Greek, Armenian, Cherokee and small capitals ("раssword" with Cyrillic р/а),
 * curly quotes and dashes, case, and runs of whitespace.
 * Not folded: leetspeak ("p4ssw0rd") and separators between letters ("p.a.s.s"): folding those
 * would make ordinary numbers and abbreviations collide with banned words.
 *
 * Both sides of a comparison (text and pattern) must go through the same function: genuine
 * Cyrillic/Greek words are folded too, which keeps matching consistent at the price of rare
 * cross-script collisions ("сор" vs "cop").
 */

export interface NormalizeOptions {
  /** Lower-case everything (default true). */
  caseFold?: boolean;
  /** Fold look-alike letters to Latin (default true). */
  homoglyphs?: boolean;
  /** Turn every run of whitespace into one space (default true). */
  collapseWhitespace?: boolean;
}

export interface NormalizedText {
  text: string;
  /** Normalized index -> original index of the character it came from (map(text.length) = original length). */
  map: (i: number) => number;
  /** Normalized exclusive end -> original exclusive end (covers the whole source character). */
  mapEnd: (i: number) => number;
}

// Uppercase look-alikes first, so case folding then sees plain Latin (Greek Η is H, lowercase η is n).
const UPPER_CONFUSABLES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', Ё: 'E', З: '3', І: 'I', Ї: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C',
  Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', Ԛ: 'Q', Ԝ: 'W', Һ: 'H', Ӏ: 'I', Ү: 'Y', Ԍ: 'G',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  Ꭺ: 'A', Ᏼ: 'B', Ꮯ: 'C', Ꭰ: 'D', Ꭼ: 'E', Ꮐ: 'G', Ꮋ: 'H', Ꭵ: 'I', Ꭻ: 'J', Ꮶ: 'K', Ꮮ: 'L', Ꮇ: 'M', Ꮲ: 'P',
  Ꮪ: 'S', Ꭲ: 'T', Ꮩ: 'V', Ꮃ: 'W', Ꮓ: 'Z', Օ: 'O', Ս: 'U',
};
const LOWER_CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't',
  у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ɡ: 'g', ı: 'i', ɑ: 'a', ɩ: 'i', ʋ: 'u',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', γ: 'y', η: 'n',
  օ: 'o', ս: 'u', ո: 'n', հ: 'h', զ: 'q', ց: 'g',
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n',
  ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};
const PUNCTUATION: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u02bc': "'", '\u2032': "'", '\uff07': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};

// Characters that render as nothing: format (Cf) chars, variation selectors, grapheme joiner, Hangul fillers.
const INVISIBLE = /^[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;
const MARK = /^\p{M}$/u;
const FOLDABLE_SCRIPT = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const MARKS_GLOBAL = /\p{M}/gu;
const WHITESPACE = /^\s$/u;

type Flags = number; // bit 1: caseFold, bit 2: homoglyphs
const clusterCache: Array<Map<string, string>> = [new Map(), new Map(), new Map(), new Map()];
const singleCache: Array<Array<string | undefined>> = [[], [], [], []];
const CACHE_LIMIT = 20_000;

// Per-code-point categories, memoized: the regex tests dominate otherwise on long non-Latin text.
const NORMAL = 1;
const HIDDEN = 2;
const COMBINING = 3;
const SPACE = 4;
const bmpCategory = new Uint8Array(0x10000);
const astralCategory = new Map<number, number>();

function categoryOf(cp: number, ch: string): number {
  if (cp < 0x10000) {
    const c = bmpCategory[cp]!;
    if (c !== 0) return c;
  } else {
    const c = astralCategory.get(cp);
    if (c !== undefined) return c;
  }
  // Halfwidth kana voicing marks are letters (Lm), but compose with the kana before them.
  const c = INVISIBLE.test(ch) ? HIDDEN : MARK.test(ch) || cp === 0xff9e || cp === 0xff9f ? COMBINING : WHITESPACE.test(ch) ? SPACE : NORMAL;
  if (cp < 0x10000) bmpCategory[cp] = c;
  else if (astralCategory.size < CACHE_LIMIT) astralCategory.set(cp, c);
  return c;
}

function foldCluster(cluster: string, flags: Flags): string {
  const single = cluster.length === 1 ? cluster.charCodeAt(0) : -1;
  if (single >= 0) {
    const hit = singleCache[flags]![single];
    if (hit !== undefined) return hit;
  }
  const cache = clusterCache[flags]!;
  const hit = single < 0 ? cache.get(cluster) : undefined;
  if (hit !== undefined) return hit;
  let s: string;
  const decomposed = cluster.normalize('NFKD');
  // Accents are a cheap disguise on Latin-like letters; elsewhere (kana voicing, Indic vowel signs) marks carry meaning.
  if (FOLDABLE_SCRIPT.test(decomposed)) s = decomposed.replace(MARKS_GLOBAL, '');
  else s = cluster.normalize('NFKC');
  let out = '';
  for (const ch of s) {
    let c = PUNCTUATION[ch] ?? ch;
    if (flags & 2) c = UPPER_CONFUSABLES[c] ?? c;
    if (flags & 1) c = c.toLowerCase();
    if (flags & 2) {
      let folded = '';
      for (const x of c) folded += LOWER_CONFUSABLES[x] ?? x;
      c = folded;
    }
    out += c;
  }
  if (single >= 0) singleCache[flags]![single] = out;
  else {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cluster, out);
  }
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

export function normalizeForMatching(input: string, options: NormalizeOptions = {}): NormalizedText {
  const caseFold = options.caseFold ?? true;
  const homoglyphs = options.homoglyphs ?? true;
  const collapse = options.collapseWhitespace ?? true;
  const flags: Flags = (caseFold ? 1 : 0) | (homoglyphs ? 2 : 0);
  const n = input.length;

  // Plain printable ASCII without double spaces maps one-to-one: no per-character work at all.
  if (PRINTABLE_ASCII.test(input) && !(collapse && input.includes('  '))) {
    const clampIndex = (k: number) => (k < 0 ? 0 : k > n ? n : k);
    return { text: caseFold ? input.toLowerCase() : input, map: clampIndex, mapEnd: clampIndex };
  }

  let starts = new Int32Array(n + 16);
  let ends = new Int32Array(n + 16);
  let len = 0;
  const reserve = (extra: number) => {
    if (len + extra <= starts.length) return;
    const size = Math.max(starts.length * 2, len + extra);
    const s2 = new Int32Array(size);
    const e2 = new Int32Array(size);
    s2.set(starts);
    e2.set(ends);
    starts = s2;
    ends = e2;
  };
  const parts: string[] = [];
  let lastWasSpace = false;
  let i = 0;
  while (i < n) {
    const code = input.charCodeAt(i);
    if (code < 0x80 && !(collapse && isAsciiSpace(code))) {
      // A run of ASCII characters (spaces too when they are kept) is copied in one slice.
      let j = i + 1;
      while (j < n) {
        const c = input.charCodeAt(j);
        if (c >= 0x80 || (collapse && isAsciiSpace(c))) break;
        j++;
      }
      // A combining mark after the run belongs with the run's last letter: leave that letter to the cluster path.
      if (j < n && input.charCodeAt(j) >= 0x300 && categoryOf(input.codePointAt(j)!, String.fromCodePoint(input.codePointAt(j)!)) === COMBINING) j--;
      if (j > i) {
        const slice = input.slice(i, j);
        parts.push(caseFold ? slice.toLowerCase() : slice);
        reserve(j - i);
        for (let k = i; k < j; k++, len++) {
          starts[len] = k;
          ends[len] = k + 1;
        }
        lastWasSpace = false;
        i = j;
        continue;
      }
    } else if (code < 0x80) {
      if (collapse) {
        if (lastWasSpace) ends[len - 1] = i + 1;
        else {
          parts.push(' ');
          reserve(1);
          starts[len] = i;
          ends[len++] = i + 1;
        }
        lastWasSpace = true;
      } else {
        parts.push(input[i]!);
        reserve(1);
        starts[len] = i;
        ends[len++] = i + 1;
      }
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const first = width === 1 ? input[i]! : input.slice(i, i + 2);
    const cat = categoryOf(cp, first);
    let j = i + width;
    if (cat === SPACE && collapse) {
      if (lastWasSpace) ends[len - 1] = j;
      else {
        parts.push(' ');
        reserve(1);
        starts[len] = i;
        ends[len++] = j;
      }
      lastWasSpace = true;
      i = j;
      continue;
    }
    if (cat === NORMAL && width === 1 && foldCluster(first, flags) === first) {
      // A run of characters that normalize to themselves (most CJK, Thai, Arabic...) is copied in one slice.
      let k = i + 1;
      while (k < n) {
        const c = input.charCodeAt(k);
        if (c < 0x80 || (c >= 0xd800 && c <= 0xdfff)) break;
        const ch = input[k]!;
        if (categoryOf(c, ch) !== NORMAL || foldCluster(ch, flags) !== ch) break;
        k++;
      }
      if (k < n && input.charCodeAt(k) >= 0x300 && categoryOf(input.codePointAt(k)!, String.fromCodePoint(input.codePointAt(k)!)) === COMBINING) k--;
      if (k > i + 1) {
        parts.push(input.slice(i, k));
        reserve(k - i);
        for (let m = i; m < k; m++, len++) {
          starts[len] = m;
          ends[len] = m + 1;
        }
        lastWasSpace = false;
        i = k;
        continue;
      }
    }
    if (cat !== NORMAL && cat !== SPACE) {
      // A stray mark or an invisible char between words: drop it; the neighbours keep their own mapping.
      i = j;
      continue;
    }
    // A cluster: base + following marks (invisible chars among or right after them are absorbed and dropped).
    let cluster = first;
    while (j < n) {
      const ncp = input.codePointAt(j)!;
      const nw = ncp > 0xffff ? 2 : 1;
      const next = nw === 1 ? input[j]! : input.slice(j, j + 2);
      const ncat = categoryOf(ncp, next);
      if (ncat === COMBINING) cluster += next;
      else if (ncat !== HIDDEN) break;
      j += nw;
    }
    const folded = foldCluster(cluster, flags);
    if (folded.length > 0) lastWasSpace = false;
    reserve(folded.length);
    for (let k = 0; k < folded.length; k++, len++) {
      starts[len] = i;
      ends[len] = j;
    }
    parts.push(folded);
    i = j;
  }
  const text = parts.join('');
  return {
    text,
    map: (k: number) => (k >= len ? n : starts[k < 0 ? 0 : k]!),
    mapEnd: (k: number) => (len === 0 ? (k <= 0 ? 0 : n) : k <= 0 ? starts[0]! : k >= len ? ends[len - 1]! : ends[k - 1]!),
  };
}

/** Normalizes a pattern (banned word, phrase) exactly like the text it will be searched in. */
export function normalizePattern(pattern: string, options: NormalizeOptions = {}): string {
  return normalizeForMatching(pattern, options).text;
}
