import type { Rng } from './prng.js';

/**
 * Tiny template language for augmentation: `{a|b|c}` picks one alternative (nestable, `{|x}` makes
 * x optional; `\\{` is a literal brace) and `<slot>` picks an entry of a named list, itself a template. Every pick draws from
 * the seeded Rng, so generated data is a pure function of the seed.
 */
// Tags that appear literally in generated carriers (HTML, chat markup) rather than as slots.
const LITERAL_TAGS = new Set(['div', 'p', 'span', 'br', 'html', 'body', 'head', 'title', 'script', 'a', 'b', 'i', 'li', 'ul', 'system', 'user', 'assistant', 'instructions', 'rule', 'rules', 'admin', 'context', 'document', 'email', 'note', 's', 'sys', 'inst']);

export type Slots = Readonly<Record<string, readonly string[]>>;

export function fill(template: string, rng: Rng, slots: Slots, depth = 0): string {
  if (depth > 12) throw new Error(`template nesting too deep: ${template}`);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '\\' && i + 1 < template.length && '{}|<\\'.includes(template[i + 1]!)) {
      // Escaped metacharacter (code snippets in carriers use literal braces).
      out += template[i + 1];
      i += 2;
    } else if (ch === '{') {
      const end = matching(template, i);
      const alts = splitTop(template.slice(i + 1, end));
      out += fill(rng.pick(alts), rng, slots, depth + 1);
      i = end + 1;
    } else if (ch === '<') {
      const end = template.indexOf('>', i);
      const name = template.slice(i + 1, end);
      const list = /^[a-z][a-zA-Z0-9_]*$/.test(name) ? slots[name] : undefined;
      if (end < 0 || list === undefined) {
        // Not a slot (e.g. literal HTML in a carrier): keep the character.
        if (end > 0 && /^[a-z][a-zA-Z0-9_]*$/.test(name) && !LITERAL_TAGS.has(name)) throw new Error(`unknown slot <${name}>`);
        out += ch;
        i++;
        continue;
      }
      out += fill(rng.pick(list), rng, slots, depth + 1);
      i = end + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return depth === 0 ? tidy(out) : out;
}

function matching(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces in template: ${s}`);
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === '|' && depth === 0) {
      parts.push(s.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(s.slice(last));
  return parts;
}

function tidy(s: string): string {
  return s
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.;:?!])/g, '$1')
    .replace(/^\s+|\s+$/g, '')
    .replace(/(^|[.!?]\s+)([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
}

/** Surface variation real users produce: casing, missing punctuation, "please", trailing spaces. */
export function vary(text: string, rng: Rng): string {
  let t = text;
  const r = rng.next();
  if (r < 0.2) t = t.toLowerCase();
  else if (r < 0.23) t = t.toUpperCase();
  if (rng.chance(0.25)) t = t.replace(/[.!]$/, '');
  if (rng.chance(0.05)) t = `${t} ${rng.pick(['thanks', 'thx', 'pls', ':)', 'thank you!', '!!'])}`;
  return t;
}

export interface Generated {
  text: string;
  label: string;
  source: string;
}

/** Generates `count` distinct texts from a generator (stops trying after 20x attempts). */
export function generate(count: number, rng: Rng, label: string, source: string, make: (rng: Rng) => string): Generated[] {
  const seen = new Set<string>();
  const out: Generated[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt++) {
    const text = make(rng);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, label, source });
  }
  return out;
}
