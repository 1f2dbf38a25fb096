/**
 * Secret detectors. Every regex is linear: a leading look-behind rejects starts in the middle of a
 * token, and every repetition is bounded, so a 100 KB adversarial blob costs one pass.
 * They run on text normalized without case folding (zero-width chars removed, fullwidth and
 * look-alike letters folded), so "AKIA\u200BIOSF..." or a Cyrillic "раssword=" are still seen.
 */

import { SpanSet } from './redaction.util.js';

export interface SecretMatch {
  kind: string;
  start: number;
  end: number;
  score: number;
  /** The secret value (for the allow list); never logged. */
  value: string;
}

export interface SecretDetectorOptions {
  base64Threshold: number;
  hexThreshold: number;
  entropy: boolean;
}

interface PatternDetector {
  kind: string;
  re: RegExp;
  /** Capture group holding the secret (0 = whole match). */
  group?: number;
  score?: number;
  validate?: (value: string, text: string, start: number) => boolean;
}

export const SECRET_LABELS: Record<string, string> = {
  AWS_ACCESS_KEY: 'AWS access key id',
  AWS_SECRET_KEY: 'AWS secret access key',
  GITHUB_TOKEN: 'GitHub token',
  GITLAB_TOKEN: 'GitLab token',
  SLACK_TOKEN: 'Slack token',
  SLACK_WEBHOOK: 'Slack webhook URL',
  STRIPE_KEY: 'Stripe secret key',
  GOOGLE_API_KEY: 'Google API key',
  GCP_PRIVATE_KEY: 'GCP service-account private key',
  AZURE_STORAGE_KEY: 'Azure storage key',
  AZURE_CONNECTION_STRING: 'Azure connection string',
  AZURE_SAS_TOKEN: 'Azure SAS signature',
  OPENAI_KEY: 'OpenAI API key',
  ANTHROPIC_KEY: 'Anthropic API key',
  HUGGINGFACE_TOKEN: 'Hugging Face token',
  NPM_TOKEN: 'npm token',
  TWILIO_KEY: 'Twilio API key',
  SENDGRID_KEY: 'SendGrid API key',
  MAILGUN_KEY: 'Mailgun API key',
  SHOPIFY_TOKEN: 'Shopify token',
  DISCORD_TOKEN: 'Discord bot token',
  DISCORD_WEBHOOK: 'Discord webhook URL',
  JWT: 'JSON Web Token',
  PRIVATE_KEY: 'PEM private key',
  URL_PASSWORD: 'password in URL',
  BEARER_TOKEN: 'bearer/basic credential',
  PASSWORD_ASSIGNMENT: 'password/secret assignment',
  HIGH_ENTROPY: 'high-entropy string',
};

const B64URL = 'A-Za-z0-9_\\-';

function b64urlDecode(part: string): string | undefined {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function isJwt(token: string): boolean {
  const [header, , signature] = token.split('.');
  const json = b64urlDecode(header!);
  if (!json) return false;
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { alg?: unknown }).alg !== 'string') return false;
    // An empty signature is only legitimate for unsigned tokens.
    return signature!.length > 0 || (parsed as { alg: string }).alg.toLowerCase() === 'none';
  } catch {
    return false;
  }
}

const hasDigit = (s: string) => /\d/.test(s);
const mixedClasses = (s: string) => /\d/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s));

const PATTERNS: PatternDetector[] = [
  { kind: 'AWS_ACCESS_KEY', re: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/g },
  {
    kind: 'AWS_SECRET_KEY',
    re: /(?<![A-Za-z0-9])(?:aws_?)?secret_?(?:access_?)?key["']?\s{0,5}(?:[:=]|=>)\s{0,5}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
  },
  { kind: 'GITHUB_TOKEN', re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251})(?![A-Za-z0-9_])/g },
  { kind: 'GITLAB_TOKEN', re: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|cbt|oas|soat)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g },
  { kind: 'SLACK_TOKEN', re: /(?<![A-Za-z0-9-])(?:xox[baprse]|xapp)-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g, validate: hasDigit },
  { kind: 'SLACK_WEBHOOK', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,200}/g },
  { kind: 'STRIPE_KEY', re: /(?<![A-Za-z0-9_])(?:sk|rk)_live_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g },
  { kind: 'STRIPE_KEY', re: /(?<![A-Za-z0-9_])(?:sk|rk)_test_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g, score: 0.8 },
  { kind: 'GOOGLE_API_KEY', re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  {
    kind: 'AZURE_CONNECTION_STRING',
    re: /DefaultEndpointsProtocol=https?;AccountName=[^;\s"']{1,64};AccountKey=[A-Za-z0-9+/=]{20,100}(?:;EndpointSuffix=[^;\s"']{1,100})?;?/gi,
  },
  { kind: 'AZURE_STORAGE_KEY', re: /(?<![A-Za-z0-9])(?:AccountKey|SharedAccessKey)\s{0,3}=\s{0,3}([A-Za-z0-9+/]{40,100}={0,2})/dgi, group: 1 },
  { kind: 'AZURE_SAS_TOKEN', re: /[?&]sig=([A-Za-z0-9%+/]{30,120}(?:=|%3D){0,2})(?=$|[&\s"'])/dg, group: 1, validate: (_v, text, start) => /[?&]sv=\d{4}-\d\d-\d\d/.test(text.slice(Math.max(0, start - 400), start + 400)) },
  { kind: 'ANTHROPIC_KEY', re: /(?<![A-Za-z0-9_-])sk-ant-[a-z0-9]{2,12}-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g },
  {
    kind: 'OPENAI_KEY',
    re: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g,
    validate: (v) => hasDigit(v) && /[A-Za-z]/.test(v.slice(3)),
  },
  { kind: 'HUGGINGFACE_TOKEN', re: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])/g, validate: (v) => mixedClasses(v.slice(3)) },
  { kind: 'NPM_TOKEN', re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  { kind: 'TWILIO_KEY', re: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g },
  { kind: 'SENDGRID_KEY', re: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
  { kind: 'MAILGUN_KEY', re: /(?<![A-Za-z0-9-])(?:key-[0-9a-zA-Z]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9-])/g },
  { kind: 'SHOPIFY_TOKEN', re: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g },
  {
    kind: 'DISCORD_TOKEN',
    re: /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_-])/g,
    // The first part is the bot's user id (a snowflake) in base64.
    validate: (v) => /^\d{17,20}$/.test(b64urlDecode(v.split('.')[0]!) ?? ''),
  },
  { kind: 'DISCORD_WEBHOOK', re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{40,100}/g },
  { kind: 'JWT', re: new RegExp(`(?<![${B64URL}])eyJ[${B64URL}]{8,2000}\\.[${B64URL}]{4,8000}\\.[${B64URL}]{0,2000}(?![${B64URL}])`, 'g'), validate: isJwt },
  {
    kind: 'BEARER_TOKEN',
    re: /(?<![A-Za-z0-9])(?:Bearer|Basic|Token)\s{1,3}([A-Za-z0-9._~+/-]{16,2000}={0,2})(?![A-Za-z0-9._~+/=-])/dg,
    group: 1,
    validate: (v, text, start) => hasDigit(v) && /authori[sz]ation|header|curl|-H\s/i.test(text.slice(Math.max(0, start - 60), start)),
  },
];

// Natural "my password is hunter2" is deliberately not an assignment: prose says "is" for far more than secrets.
const ASSIGN_KEY =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key|credentials?)["']?\s{0,5}(?::=|=>|=|:)[ \t]{0,5}(?:"([^"\n\\]{1,200})"|'([^'\n\\]{1,200})'|([^\s"',;`]{1,200}))/dgi;
const PLACEHOLDER_VALUE =
  /^(?:\*+|x{3,}|X{3,}|\.{3}|…|<[^>]*>|\[[^\]]*\]|\$\{[^}]*\}|\{\{[^}]*\}\}|%\(?\w*\)?s|\$\w+|\$|%\w+%|null|none|nil|undefined|true|false|yes|no|on|off|required|optional|string|str|int|integer|number|bool|boolean|any|bytes|secretstr|char|text|changeme|change_me|password|passwd|secret|token|your[_ -]?\w*|my[_ -]?\w*|example\w*|redacted\w*|hidden|dummy|placeholder|test|todo|tbd|env|os\.environ.*|process\.env.*|getenv.*)$/i;
// Unquoted right-hand sides that are code, not a literal: calls, indexing, member access, camelCase or snake_case names.
const CODE_EXPRESSION = /[()[\]{}]|^[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$.]*$|^[a-z_$][a-z_$]*[A-Z][A-Za-z_$]*$|^[a-z]+(?:_[a-z]+)+$/;

function assignmentMatches(text: string, out: SecretMatch[]): void {
  ASSIGN_KEY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ASSIGN_KEY.exec(text)) !== null) {
    const start = m.index;
    // The keyword must end an identifier: "DB_PASSWORD=", "user.password:", "dbPassword =", not "compass: north".
    const before = start > 0 ? text[start - 1]! : '';
    if (/[A-Za-z0-9]/.test(before) && !(/[a-z0-9]/.test(before) && /[A-Z]/.test(text[start]!))) continue;
    const group = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : 3;
    const value = m[group]!;
    const [vs, ve] = m.indices![group]!;
    if (PLACEHOLDER_VALUE.test(value.trim())) continue;
    if (group === 3) {
      if (value.length < 3 || CODE_EXPRESSION.test(value) || /^\d{1,6}$/.test(value)) continue;
      // "Password: click the link below" is a sentence, not a credential.
      if (/^[A-Za-z]+$/.test(value) && /^[ \t]+[a-z]/.test(text.slice(ve, ve + 2))) continue;
      // A bare word after "password:" may be prose; digits or symbols make it look like a real credential.
      out.push({ kind: 'PASSWORD_ASSIGNMENT', start: vs, end: ve, score: /^[A-Za-z]+$/.test(value) ? 0.6 : 0.9, value });
    } else {
      if (value.trim().length < 3) continue;
      out.push({ kind: 'PASSWORD_ASSIGNMENT', start: vs, end: ve, score: 0.9, value });
    }
  }
}

const URL_PASSWORD = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/[^\s:/?#@"'<>]{0,128}:([^\s/?#@"'<>]{1,256})@(?=[A-Za-z0-9[])/dg;
const URL_PASSWORD_PLACEHOLDER = /^(?:\*+|x+|pass(?:word)?|pwd|secret|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\$\w+|%\w+%|:?\d{1,5})$/i;

const PEM_BEGIN = /-----BEGIN ([A-Z0-9]+ ){0,4}PRIVATE KEY( BLOCK)?-----/g;
const PEM_BODY_CHAR = /[A-Za-z0-9+/=\s\\:,.()-]/;

function pemMatches(text: string, out: SpanSet<SecretMatch>): void {
  PEM_BEGIN.lastIndex = 0;
  let endMarker = -2; // cached position of the next "-----END", so a missing END is searched for once
  let m: RegExpExecArray | null;
  while ((m = PEM_BEGIN.exec(text)) !== null) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    if (endMarker !== -1 && endMarker < bodyStart) endMarker = text.indexOf('-----END ', bodyStart);
    let end: number;
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (endMarker !== -1 && (nextBegin === -1 || endMarker < nextBegin)) {
      const close = text.indexOf('-----', endMarker + 9);
      end = close === -1 ? text.length : close + 5;
    } else {
      // Truncated key (a cut stream window): redact the base64 body up to where it stops.
      end = bodyStart;
      const limit = nextBegin === -1 ? text.length : nextBegin;
      while (end < limit && PEM_BODY_CHAR.test(text[end]!)) end++;
    }
    const prefix = text.slice(Math.max(0, start - 40), start);
    const kind = /"private_key"\s*:\s*"$/.test(prefix) ? 'GCP_PRIVATE_KEY' : 'PRIVATE_KEY';
    out.add({ kind, start, end, score: 1, value: text.slice(start, end) });
    PEM_BEGIN.lastIndex = Math.max(end, bodyStart);
  }
}

// Entropy candidates: base64/base64url-ish tokens and hex tokens, at token boundaries.
const TOKEN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])/g;
const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH_CONTEXT = /\b(?:commit|commits|sha\d*|hash|hashes|digest|checksum|md5|revision|rev|git|integrity|etag|fingerprint|tree|parent|blob|cherry-pick|merge|revert|object|block|tx|txid|transaction)\b|sha\d+[:-]$/i;
const DIGEST_CONTEXT = /\b(?:integrity|sha\d*|hash|digest|checksum|fingerprint)\b/i;
const MAX_ENTROPY_TOKEN = 200;

function inUrlPath(text: string, start: number, token: string): boolean {
  let i = start;
  const stop = Math.max(0, start - 200);
  while (i > stop && !/\s/.test(text[i - 1]!)) i--;
  const prefix = text.slice(i, start);
  if (prefix.endsWith('=')) return false;
  return prefix.includes('://') || prefix.endsWith('/') || (token.startsWith('/') && token.indexOf('/', 1) > 0);
}

export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function entropyMatches(text: string, opts: SecretDetectorOptions, out: SpanSet<SecretMatch>): void {
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const token = m[0];
    const start = m.index;
    const end = start + token.length;
    // Long blobs are data (images, archives), not credentials; keys and tokens are shorter.
    if (token.length > MAX_ENTROPY_TOKEN) continue;
    if (out.overlaps(start, end)) continue;
    if (UUID.test(token) || /^\d+$/.test(token)) continue;
    if (/base64,$/i.test(text.slice(Math.max(0, start - 7), start))) continue;
    // Paths and identifiers: slashes or underscores between plain words.
    if (/^[A-Za-z]+(?:[/_-][A-Za-z]+)+$/.test(token)) continue;
    if (HEX.test(token)) {
      if (!/[a-fA-F]/.test(token)) continue;
      if (HASH_CONTEXT.test(text.slice(Math.max(0, start - 40), start))) continue;
      if (shannonEntropy(token) >= opts.hexThreshold) out.add({ kind: 'HIGH_ENTROPY', start, end, score: 0.7, value: token });
      continue;
    }
    if (!hasDigit(token) || !/[A-Za-z]/.test(token)) continue;
    // Subresource integrity and similar digests: "sha512-…" or a hash-like label just before.
    if (/^sha\d+[-_]/i.test(token) || DIGEST_CONTEXT.test(text.slice(Math.max(0, start - 40), start))) continue;
    // URL paths carry ids and encoded names, not credentials (query values "?key=…" are still checked).
    if (inUrlPath(text, start, token)) continue;
    const core = token.replace(/=+$/, '');
    if (shannonEntropy(core) >= opts.base64Threshold) out.add({ kind: 'HIGH_ENTROPY', start, end, score: 0.7, value: token });
  }
}

// An AWS secret key has no prefix; a 40-char base64 token right next to an access key id is one.
const AWS_SECRET_NEARBY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

function awsSecretNearKey(text: string, found: SpanSet<SecretMatch>): void {
  const keys = found.items.filter((f) => f.kind === 'AWS_ACCESS_KEY');
  let scannedTo = 0; // windows of neighbouring keys overlap: scan each stretch of text once
  for (const key of keys) {
    const from = Math.max(scannedTo, key.start - 200);
    const to = Math.min(text.length, key.end + 200);
    if (from >= to) continue;
    scannedTo = to;
    const window = text.slice(from, to);
    AWS_SECRET_NEARBY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = AWS_SECRET_NEARBY.exec(window)) !== null) {
      const start = from + m.index;
      if (!mixedClasses(m[0])) continue;
      found.add({ kind: 'AWS_SECRET_KEY', start, end: start + 40, score: 1, value: m[0] });
    }
  }
}

/** All secrets in `text`, in text order, without overlaps (specific formats win over generic ones). */
export function findSecrets(text: string, opts: SecretDetectorOptions): SecretMatch[] {
  const found = new SpanSet<SecretMatch>();
  pemMatches(text, found);
  for (const d of PATTERNS) {
    d.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = d.re.exec(text)) !== null) {
      const g = d.group ?? 0;
      const [start, end] = g === 0 ? [m.index, m.index + m[0].length] : m.indices![g]!;
      const value = m[g]!;
      if (found.overlaps(start, end) || (d.validate && !d.validate(value, text, start))) continue;
      found.add({ kind: d.kind, start, end, score: d.score ?? 1, value });
    }
  }
  awsSecretNearKey(text, found);
  URL_PASSWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_PASSWORD.exec(text)) !== null) {
    const [start, end] = m.indices![1]!;
    if (URL_PASSWORD_PLACEHOLDER.test(m[1]!)) continue;
    found.add({ kind: 'URL_PASSWORD', start, end, score: 0.95, value: m[1]! });
  }
  const assignments: SecretMatch[] = [];
  assignmentMatches(text, assignments);
  for (const a of assignments) found.add(a);
  if (opts.entropy) entropyMatches(text, opts, found);
  return found.items;
}
