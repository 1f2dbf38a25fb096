/**
 * Text normalization shared by training and inference. Attackers (and tweets) hide words behind
 * entities, full-width or "mathematical" letters, zero-width characters, accents, look-alike
 * Cyrillic letters and leetspeak; folding those modestly lets one n-gram stand for all spellings.
 * Changing anything here changes every hashed feature: retrain the compact models afterwards.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
// Format characters (zero-width space/joiners, bidi controls, BOM, soft hyphen, word joiner...).
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;
const MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}@$*'\u2019]+/gu;
const HAS_LETTER = /\p{L}/u;
const LATIN = /[a-z]/;
const DIGITS_ONLY = /^\d+$/;
const NUMBER_WITH_UNIT = /^\d+(?:st|nd|rd|th|s|am|pm|k|m|g|x|d|h|px|gb|mb|kb|ml|kg|km|cm|mm|min)$/;

// Cyrillic and Greek letters that render like Latin ones (after lowercasing).
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ɡ: 'g', ı: 'i',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named) return NAMED_ENTITIES[named.toLowerCase()] ?? m;
    const cp = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

function foldHomoglyphs(token: string): string {
  let confusable = 0;
  let other = 0;
  let latin = false;
  for (const ch of token) {
    if (HOMOGLYPHS[ch] !== undefined) confusable++;
    else if (LATIN.test(ch)) latin = true;
    else if (HAS_LETTER.test(ch)) other++;
  }
  // Genuine Cyrillic/Greek words contain letters without a Latin look-alike; mixed or all-look-alike tokens are disguised Latin.
  if (confusable === 0 || (!latin && other > 0)) return token;
  let out = '';
  for (const ch of token) out += HOMOGLYPHS[ch] ?? ch;
  return out;
}

function foldLeet(token: string): string {
  if (NUMBER_WITH_UNIT.test(token)) return token;
  let letters = 0;
  for (const ch of token) if (HAS_LETTER.test(ch)) letters++;
  if (letters < 2) return token;
  let out = '';
  for (const ch of token) {
    const mapped = LEET[ch];
    if (mapped !== undefined) out += mapped;
    else if (ch >= '0' && ch <= '9') return token; // a digit with no letter reading: a real alphanumeric code
    else out += ch;
  }
  return out;
}

function normalizeToken(raw: string): string {
  let token = raw.replace(/['\u2019]/g, '');
  // Mentions (@user) carry no meaning; stray symbols at the edges are punctuation, not letters.
  token = token.replace(/^[@*]+/, '').replace(/[@$*]+$/, '');
  if (token.length === 0) return '';
  if (!HAS_LETTER.test(token)) {
    // Numbers: keep the magnitude, not the value, so maths problems do not teach the model digits.
    const digits = token.replace(/[^\p{N}]/gu, '');
    return DIGITS_ONLY.test(digits) ? '0'.repeat(Math.min(digits.length, 4)) : digits;
  }
  token = foldHomoglyphs(token);
  if (/[0-9@$!|]/.test(token)) token = foldLeet(token);
  return token;
}

/** Normalizes a text to its word tokens (lowercase, folded, without punctuation). */
export function normalizeTokens(text: string): string[] {
  let s = decodeEntities(text).normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
  s = s.normalize('NFKD').replace(MARKS, '').normalize('NFC');
  const out: string[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const token = normalizeToken(m[0]);
    if (token.length > 0) out.push(token);
  }
  return out;
}

/** The normalized text the featurizer hashes: tokens joined by single spaces. */
export function normalizeText(text: string): string {
  return normalizeTokens(text).join(' ');
}
