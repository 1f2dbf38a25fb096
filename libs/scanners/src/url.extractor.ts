import { SpanSet } from './redaction.util.js';

/** URL extraction from free text: schemes, "www." and bare domains followed by a path. */

export interface ExtractedUrl {
  /** As written (trailing punctuation trimmed). */
  raw: string;
  start: number;
  end: number;
  scheme: string;
}

// Scheme URLs stop at whitespace and at characters that close prose or markup around them.
const SCHEME_URL = /(?<![A-Za-z0-9+.-])(?:(?:https?|ftp|hxxps?|wss?):\/\/|www\.)[^\s<>"'`{}|\\^\]]{1,4000}/giu;
const SPECIAL_URL = /(?<![A-Za-z0-9+.-])(?:javascript|vbscript):[^\s<>"'`]{1,2000}|(?<![A-Za-z0-9+.-])data:[a-z]{1,20}\/[\w.+-]{1,60}[;,][^\s<>"'`]{0,4000}/giu;
// Bare "host.tld/path": a path is required so ordinary "file.txt" or "e.g." mentions are not URLs.
const BARE_URL = /(?<![\w@.\/:-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?\.){1,20}(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})\/[^\s<>"'`{}|\\^\]]{0,4000}/giu;
const TRAILING = /[.,;:!?)\]}'"»”’]+$/u;

function trim(raw: string): string {
  let s = raw.replace(TRAILING, '');
  // Keep a closing parenthesis that belongs to the URL (Wikipedia-style "Foo_(bar)").
  const tail = raw.slice(s.length);
  if (tail.startsWith(')') && (s.match(/\(/g)?.length ?? 0) > (s.match(/\)/g)?.length ?? 0)) s += ')';
  return s;
}

export function extractUrls(text: string): ExtractedUrl[] {
  const out = new SpanSet<ExtractedUrl>();
  const push = (start: number, raw: string, scheme: string) => {
    const t = trim(raw);
    if (t.length < 4) return;
    out.add({ raw: t, start, end: start + t.length, scheme });
  };
  for (const re of [SPECIAL_URL, SCHEME_URL, BARE_URL]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const lower = m[0].toLowerCase();
      const scheme = re === BARE_URL || lower.startsWith('www.') ? 'http' : lower.slice(0, lower.indexOf(':'));
      push(m.index, m[0], scheme);
    }
  }
  return out.items;
}
