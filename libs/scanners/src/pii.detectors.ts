import { isIPv4, isIPv6 } from 'node:net';
import { SpanSet } from './redaction.util.js';

/**
 * PII detectors shared by `anonymize` (prompts) and `sensitive` (answers). Formats are validated
 * beyond the regex (Luhn, IBAN mod-97, SSN area rules, IP ranges) because a bare digit pattern
 * would redact prices, years and order numbers.
 */

export const PII_KINDS = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'IP_ADDRESS', 'US_SSN', 'PERSON'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export const PII_LABELS: Record<PiiKind, string> = {
  EMAIL: 'email address',
  PHONE: 'phone number',
  CREDIT_CARD: 'credit card number',
  IBAN: 'IBAN',
  IP_ADDRESS: 'IP address',
  US_SSN: 'US social security number',
  PERSON: 'person name',
};

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

export interface PiiOptions {
  kinds: ReadonlySet<PiiKind>;
  skipPrivateIps: boolean;
}

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

// Phones: international (+CC ...), North American with area code, and 0-prefixed national numbers with separators.
// Every group after the first starts with a separator or "(", so digit runs split one way only (no backtracking blow-up).
const PHONE_INTL = /(?<![\w+])\+[1-9]\d{0,14}(?:(?:[ .-]\(?|\()\d{1,5}\)?){0,6}(?![\w])/g;
const PHONE_NANP = /(?<![\w+-])(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?![\w-])/g;
const PHONE_NATIONAL = /(?<![\w+-])0[1-9]\d{0,3}(?:[ .\/-]\d{2,4}){2,4}(?![\w-])/g;
const PHONE_CONTEXT = /(?<![\w+])\d[\d ().-]{5,18}\d(?![\w])/g;
const PHONE_KEYWORD = /(?:phone|tel(?:ephone)?|mobile|cell|call|whatsapp|sms|fax|contact|số điện thoại|sđt|điện thoại|电话|手机|電話|携帯|전화|휴대폰|телефон|тел|هاتف|téléphone|portable|telefon|handy|teléfono|móvil|celular|telefone)\W{0,3}\s*[:#]?\s*$/i;

const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-]|-\d)/g;
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,40}/g;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;
const SSN_SEPARATED = /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g;
const SSN_BARE = /(?<!\d)(?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4}(?!\d)/g;
const SSN_KEYWORD = /(?:ssn|social security(?: number| no\.?| #)?|ss#)\W{0,3}\s*[:#]?\s*$/i;
const VERSION_CONTEXT = /\b(?:version|ver\.?|v|release|build|oid|snmp)\s*$/i;
const PRICE_CONTEXT = /(?:[$€£¥₫₹#]|\b(?:no\.?|order|invoice|ticket|ref|id|isbn|sku|tracking)(?:\s*(?:number|no\.?|#))?)\s*[:#]?\s*$/i;

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Issuer prefixes of real card networks: Luhn alone passes one random number in ten.
const CARD_PREFIX = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|3(?:0[0-5]|[68])|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8])|5018|5020|5038|6304|67|220[0-4])/;

function validCard(raw: string): boolean {
  const digits = raw.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  // Separators, if any, are all the same kind: "4111-1111 1111-1111" is not how cards are written.
  if (raw.includes(' ') && raw.includes('-')) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  return CARD_PREFIX.test(digits) && luhnValid(digits);
}

/** SWIFT registry lengths per country. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20,
  MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

export function ibanValid(iban: string): boolean {
  const len = IBAN_LENGTHS[iban.slice(0, 2)];
  if (len === undefined || iban.length !== len || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

function ibanAt(text: string, start: number): number | undefined {
  const len = IBAN_LENGTHS[text.slice(start, start + 2)];
  if (len === undefined) return undefined;
  // Walk exactly `len` alphanumerics (single spaces allowed between) so a following word is not swallowed.
  let compact = '';
  let i = start;
  while (i < text.length && compact.length < len) {
    const ch = text[i]!;
    if (/[A-Z0-9]/.test(ch)) compact += ch;
    else if (ch !== ' ' || text[i + 1] === ' ') break;
    i++;
  }
  if (compact.length !== len || /[A-Za-z0-9]/.test(text[i] ?? '')) return undefined;
  return ibanValid(compact) ? i : undefined;
}

export function isPrivateIp(ip: string): boolean {
  if (isIPv4(ip)) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = ip.toLowerCase();
  if (lower === '::1' || lower === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateIp(mapped[1]!);
  return /^f[cd][0-9a-f]{0,2}:/.test(lower) || /^fe[89ab][0-9a-f]?:/.test(lower);
}

function collect(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) fn(m);
}

const before = (text: string, start: number, n = 30) => text.slice(Math.max(0, start - n), start);

/** All PII in text order, without overlaps (stronger-validated kinds win). */
export function findPii(text: string, opts: PiiOptions): PiiMatch[] {
  const out = new SpanSet<PiiMatch>();
  const want = (k: PiiKind) => opts.kinds.has(k);
  const add = (kind: PiiKind, start: number, end: number) => {
    out.add({ kind, start, end });
  };
  if (want('EMAIL')) collect(EMAIL, text, (m) => add('EMAIL', m.index, m.index + m[0].length));
  if (want('CREDIT_CARD'))
    collect(CARD, text, (m) => {
      if (validCard(m[0])) add('CREDIT_CARD', m.index, m.index + m[0].length);
    });
  if (want('IBAN'))
    collect(IBAN, text, (m) => {
      const end = ibanAt(text, m.index);
      if (end !== undefined) add('IBAN', m.index, end);
      IBAN.lastIndex = end ?? m.index + 1;
    });
  if (want('US_SSN')) {
    collect(SSN_SEPARATED, text, (m) => {
      if (!PRICE_CONTEXT.test(before(text, m.index, 12))) add('US_SSN', m.index, m.index + m[0].length);
    });
    collect(SSN_BARE, text, (m) => {
      if (SSN_KEYWORD.test(before(text, m.index))) add('US_SSN', m.index, m.index + m[0].length);
    });
  }
  if (want('IP_ADDRESS')) {
    collect(IPV4, text, (m) => {
      if (VERSION_CONTEXT.test(before(text, m.index, 10))) return;
      if (opts.skipPrivateIps && isPrivateIp(m[0])) return;
      add('IP_ADDRESS', m.index, m.index + m[0].length);
    });
    collect(IPV6, text, (m) => {
      const ip = m[0];
      // "a::b" in C++ or "12:30:45" times: require real address shape (isIPv6) and some substance.
      if (!isIPv6(ip)) return;
      const hex = ip.replace(/[^0-9a-f]/gi, '');
      const colons = ip.split(':').length - 1;
      if (hex.length < 4 || !(/\d/.test(ip) || colons >= 4)) return;
      if (opts.skipPrivateIps && isPrivateIp(ip)) return;
      add('IP_ADDRESS', m.index, m.index + ip.length);
    });
  }
  if (want('PHONE')) {
    const phone = (m: RegExpExecArray) => {
      const digits = m[0].replace(/\D/g, '').length;
      if (digits < 7 || digits > 15) return;
      const prefix = before(text, m.index, 30);
      if (PRICE_CONTEXT.test(prefix.slice(-12)) || SSN_KEYWORD.test(prefix)) return;
      // A digit group right before means this is the tail of a longer number (account, IBAN), not a phone.
      if (/\d[ .\/-]?$/.test(prefix)) return;
      add('PHONE', m.index, m.index + m[0].length);
    };
    collect(PHONE_INTL, text, (m) => {
      if (m[0].replace(/\D/g, '').length >= 8) phone(m);
    });
    collect(PHONE_NANP, text, phone);
    collect(PHONE_NATIONAL, text, phone);
    // Bare digit runs count only right after a "phone:"-style label.
    collect(PHONE_CONTEXT, text, (m) => {
      if (PHONE_KEYWORD.test(before(text, m.index))) phone(m);
    });
  }
  return out.items;
}
