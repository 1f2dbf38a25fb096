import { createRequire } from 'node:module';

export type TokenEncoding = 'cl100k_base' | 'o200k_base' | 'approx';

interface Bpe {
  encode(text: string, options?: object): number[];
  decode(tokens: Iterable<number>): string;
  countTokens(text: string, options?: object): number;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Bpe | null>();
// Special-token strings in user text ("<|endoftext|>") are plain text here, not an error.
const PLAIN = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };

/**
 * Loads a BPE table synchronously (gpt-tokenizer ships CommonJS builds), once per process. It costs
 * ~0.5 s and ~30 MB, so it happens when a token_limit scanner is created, not on import.
 * Returns null when the package is unavailable; callers then fall back to the approximation.
 */
export function loadEncoding(encoding: Exclude<TokenEncoding, 'approx'>): Bpe | null {
  if (!loaded.has(encoding)) {
    try {
      loaded.set(encoding, require(`gpt-tokenizer/encoding/${encoding}`) as Bpe);
    } catch {
      loaded.set(encoding, null);
    }
  }
  return loaded.get(encoding)!;
}

/** ~4 ASCII chars per token, ~1 token per other code point (CJK, emoji, accented letters). */
export function approximateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) ascii++;
    else if (c < 0xdc00 || c > 0xdfff) other++;
  }
  return Math.ceil(ascii / 4) + other;
}

const CHUNK = 2048;
const MAX_RUN = 128;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Splits text into chunks that tokenize independently. BPE merging is quadratic in the length of a
 * pre-tokenized piece, and a piece is a whole run of letters: 100 KB of "aaaa…" or of unspaced CJK
 * takes tens of seconds in one piece. Chunks break before a space (where the pre-tokenizer breaks
 * too, so counts stay exact) and inside runs longer than MAX_RUN (counts become approximate there).
 */
export function* tokenChunks(text: string): Generator<[start: number, end: number]> {
  let start = 0;
  let runStart = 0; // start of the current run of spaces or of non-spaces
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const prev = text.charCodeAt(i - 1);
    const space = isSpace(c);
    if (space !== isSpace(prev)) runStart = i;
    const size = i - start;
    // Before " word" (one space between two non-spaces) and after a newline followed by a visible
    // character, the pre-tokenizer always starts a new piece: cutting there keeps counts exact.
    const safe =
      size >= CHUNK &&
      ((c === 32 && !isSpace(prev) && i + 1 < text.length && !isSpace(text.charCodeAt(i + 1))) || (prev === 10 && !space));
    // Inside very long runs (letters, symbols or whitespace), cut anyway; counts become approximate there.
    const forced = i - runStart >= MAX_RUN && !(c >= 0xdc00 && c <= 0xdfff);
    if (safe || forced) {
      yield [start, i];
      start = i;
      runStart = i;
    }
  }
  if (start < text.length) yield [start, text.length];
}

export interface TokenCount {
  /** Tokens counted so far; exact when `exceeded` is false. */
  count: number;
  exceeded: boolean;
  /** When exceeded: the longest prefix within the limit. */
  prefix?: string;
}

/** Counts tokens, stopping as soon as `limit` is passed so oversized inputs cost O(limit). */
export function countTokensUpTo(text: string, limit: number, bpe: Bpe | null): TokenCount {
  if (bpe === null) {
    const count = approximateTokens(text);
    if (count <= limit) return { count, exceeded: false };
    // Walk back to a prefix within the limit (approximation: proportional cut).
    return { count, exceeded: true, prefix: text.slice(0, Math.floor((text.length * limit) / count)) };
  }
  let total = 0;
  for (const [start, end] of tokenChunks(text)) {
    const chunk = text.slice(start, end);
    const n = bpe.countTokens(chunk, PLAIN);
    if (total + n > limit) {
      const tokens = bpe.encode(chunk, PLAIN);
      const head = bpe.decode(tokens.slice(0, limit - total)).replace(/\ufffd+$/, '');
      return { count: total + n, exceeded: true, prefix: text.slice(0, start) + head };
    }
    total += n;
  }
  return { count: total, exceeded: false };
}
