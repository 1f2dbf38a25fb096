import { describe, expect, it } from 'vitest';
import { RULE_SCANNERS, ScannerConfigError } from '../src/index.js';
import { ctx, found, HEX, make, rand } from './scan.helpers.js';

const secrets = make('secrets');
const kinds = (text: string) => (secrets.scan(text, ctx()).findings ?? []).map((f) => f.kind);
const b64 = (n: number, seed = 3) => rand(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed);

// Assembled at run time (see rand()).
const AWS_EXAMPLE_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const AWS_EXAMPLE_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const jwt = (header: object, payload: object, sig = rand(43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')) =>
  [header, payload].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') + '.' + sig;

describe('secrets: known formats', () => {
  const cases: Array<[kind: string, text: string]> = [
    ['AWS_ACCESS_KEY', `aws_access_key_id = ${AWS_EXAMPLE_ID}`],
    ['AWS_SECRET_KEY', `aws_secret_access_key = ${AWS_EXAMPLE_SECRET}`],
    ['GITHUB_TOKEN', `token ghp_${b64(36)}`],
    ['GITHUB_TOKEN', `gho_${b64(36, 5)} is the oauth token`],
    ['GITHUB_TOKEN', `ghs_${b64(36, 6)}`],
    ['GITHUB_TOKEN', `github_pat_${b64(22)}_${b64(59)}`],
    ['GITLAB_TOKEN', `glpat-${b64(20)}`],
    ['SLACK_TOKEN', `xoxb-${rand(12, '0123456789')}-${rand(13, '0123456789')}-${b64(24)}`],
    ['SLACK_WEBHOOK', `https://hooks.slack.com/services/T${b64(8)}/B${b64(8)}/${b64(24)}`],
    ['STRIPE_KEY', `${'sk'}_live_${b64(24)}`],
    ['STRIPE_KEY', `${'rk'}_live_${b64(24)}`],
    ['GOOGLE_API_KEY', `key=AIza${rand(35, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`],
    ['AZURE_CONNECTION_STRING', `DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey=${b64(86)}==;EndpointSuffix=core.windows.net`],
    ['AZURE_STORAGE_KEY', `AccountKey=${b64(86, 9)}==`],
    ['OPENAI_KEY', `OPENAI_API_KEY=sk-proj-${b64(48)}`],
    ['OPENAI_KEY', `sk-${b64(48, 11)}`],
    ['ANTHROPIC_KEY', `sk-ant-api03-${rand(93, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`],
    ['HUGGINGFACE_TOKEN', `hf_${b64(34)}`],
    ['NPM_TOKEN', `//registry.npmjs.org/:_authToken=npm_${b64(36)}`],
    ['TWILIO_KEY', `SK${rand(32, HEX)}`],
    ['SENDGRID_KEY', `SG.${b64(22)}.${b64(43)}`],
    ['MAILGUN_KEY', `key-${rand(32, HEX + 'xyz')}`],
    ['SHOPIFY_TOKEN', `shpat_${rand(32, HEX)}`],
    ['DISCORD_TOKEN', `${Buffer.from('123456789012345678').toString('base64url')}.${b64(6)}.${b64(27)}`],
    ['JWT', `Authorization: ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John' })}`],
    ['PRIVATE_KEY', `-----BEGIN RSA PRIVATE KEY-----\n${b64(64)}\n${b64(64, 4)}\n-----END RSA PRIVATE KEY-----`],
    ['PRIVATE_KEY', `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64(70)}\n-----END OPENSSH PRIVATE KEY-----`],
    ['GCP_PRIVATE_KEY', `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${b64(64)}\\n-----END PRIVATE KEY-----\\n"}`],
    ['URL_PASSWORD', 'postgres://admin:S3cr3t!pw@db.internal:5432/app'],
    ['PASSWORD_ASSIGNMENT', 'password = "hunter2"'],
    ['PASSWORD_ASSIGNMENT', "DB_PASSWORD='correct horse battery'"],
    ['PASSWORD_ASSIGNMENT', 'api_key: s3cr3tValue99'],
    ['PASSWORD_ASSIGNMENT', '"clientSecret": "abc123def456"'],
    ['BEARER_TOKEN', `curl -H "Authorization: Bearer ${b64(40)}" https://api.example.com`],
    ['HIGH_ENTROPY', `here is the value ${b64(40, 21)} for the service`],
    ['HIGH_ENTROPY', `deploy key ${rand(40, HEX, 12)}`],
  ];
  it.each(cases)('%s in %j', (kind, text) => {
    expect(kinds(text)).toContain(kind);
  });

  it("flags AWS's documented example key id (AKIAIOSFODNN7EXAMPLE) and its example secret next to it", () => {
    expect(kinds(`${AWS_EXAMPLE_ID} ${AWS_EXAMPLE_SECRET}`)).toEqual(['AWS_ACCESS_KEY', 'AWS_SECRET_KEY']);
  });

  it('redacts each secret with [REDACTED_<KIND>] and says where, without the value', () => {
    const token = `ghp_${b64(36)}`;
    const text = `use ${token} and ${AWS_EXAMPLE_ID}`;
    const r = secrets.scan(text, ctx());
    expect(r.score).toBe(1);
    expect(r.sanitized).toBe('use [REDACTED_GITHUB_TOKEN] and [REDACTED_AWS_ACCESS_KEY]');
    expect(r.reason).toBe('GitHub token at 4-44; AWS access key id at 49-69');
    expect(r.reason).not.toContain(token);
  });

  it('partial redaction keeps the first 4 characters', () => {
    const s = make('secrets', { redact_mode: 'partial' });
    expect(s.scan(`key ${AWS_EXAMPLE_ID}`, ctx()).sanitized).toBe('key AKIA[REDACTED_AWS_ACCESS_KEY]');
  });

  it('redacts only the password of a URL', () => {
    expect(secrets.scan('redis://:hunter22@cache:6379', ctx()).sanitized).toBe('redis://:[REDACTED_URL_PASSWORD]@cache:6379');
  });

  it('redacts a truncated PEM key (a stream window cut before END)', () => {
    const r = secrets.scan(`here:\n-----BEGIN PRIVATE KEY-----\n${b64(64)}\n${b64(30)}`, ctx());
    expect(r.sanitized).toBe('here:\n[REDACTED_PRIVATE_KEY]');
  });
});

describe('secrets: negatives', () => {
  const clean = [
    'my password is hunter2', // prose, not an assignment (documented)
    'Please reset your password: click the link below.',
    'password = os.environ["DB_PASSWORD"]',
    'password: ${DB_PASSWORD}',
    'api_key = "<your-api-key>"',
    'password = "********"',
    'token: string;',
    'const password = getPassword(user);',
    'compass: north',
    'max_tokens: 512',
    'request id 123e4567-e89b-12d3-a456-426614174000 failed',
    `commit ${rand(40, HEX, 3)}`,
    `git checkout ${rand(40, HEX, 4)}`,
    `image@sha256:${rand(64, HEX, 5)}`,
    'internationalization_and_localization_settings',
    'ThisIsAVeryLongCamelCaseIdentifierName',
    'src/components/navigation/SidebarMenu/index',
    'The quick brown fox jumps over the lazy dog 1234567890',
    `data:image/png;base64,${b64(300)}`,
    'sk-learn is a typo for scikit-learn',
    'Call +1 415 555 2671 tomorrow',
    'self.api_key = api_key',
    'token = request.headers.get("Authorization")',
    'password: ${{ secrets.DB_PASSWORD }}',
    `"integrity": "sha512-${b64(86, 14)}=="`,
    'const secret = "";',
    'PASSWORD_MIN_LENGTH = 12',
    'password = input("Enter password: ")',
    'auth_token: Optional[str] = None',
    'export const API_KEY = import.meta.env.VITE_API_KEY;',
    'secret_key = settings.SECRET_KEY',
    '<input type="password" name="password" />',
    'https://user@example.com/path',
    `background-image: url(/static/img/${b64(40, 15)}.png)`,
    `see https://cdn.example.com/assets/${b64(32, 16)}/logo.svg`,
  ];
  it.each(clean)('%j is clean', (text) => {
    const r = secrets.scan(text, ctx());
    expect(r.findings ?? []).toEqual([]);
    expect(r.score).toBe(0);
  });

  it('a three-part token whose header has no "alg" is not a JWT', () => {
    expect(kinds(`eyJub3QiOiJqc29uIn0.${b64(20)}.${b64(20)}`)).not.toContain('JWT');
  });

  it('still checks query values in URLs', () => {
    expect(kinds(`https://api.example.com/v1?api_key=${b64(40, 21)}`)).toEqual(['PASSWORD_ASSIGNMENT']);
    expect(kinds(`https://api.example.com/v1?sig2=${b64(40, 21)}`)).toEqual(['HIGH_ENTROPY']);
  });

  it('honours the allow list', () => {
    const s = make('secrets', { allow: [AWS_EXAMPLE_ID] });
    expect(s.scan(`key ${AWS_EXAMPLE_ID}`, ctx()).score).toBe(0);
  });

  it('can disable the entropy detector', () => {
    const s = make('secrets', { entropy_threshold: false });
    expect(s.scan(`value ${b64(40, 21)}`, ctx()).score).toBe(0);
  });

  it('a higher entropy threshold ignores medium-entropy tokens', () => {
    const s = make('secrets', { entropy_threshold: { base64: 5.5 } });
    expect(s.scan(`value ${b64(40, 21)}`, ctx()).score).toBe(0);
  });
});

describe('secrets: evasions', () => {
  it('sees through zero-width characters inside a key and redacts the whole original span', () => {
    const text = `key: ${AWS_EXAMPLE_ID.slice(0, 8)}\u200b${AWS_EXAMPLE_ID.slice(8)} ok`;
    const r = secrets.scan(text, ctx());
    expect(r.findings?.[0]?.kind).toBe('AWS_ACCESS_KEY');
    expect(r.sanitized).toBe('key: [REDACTED_AWS_ACCESS_KEY] ok');
  });

  it('sees through fullwidth characters', () => {
    const fullwidth = [...AWS_EXAMPLE_ID].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    expect(kinds(`key ${fullwidth}`)).toEqual(['AWS_ACCESS_KEY']);
  });

  it('sees through a Cyrillic look-alike keyword ("раssword" with Cyrillic р, а)', () => {
    const text = '\u0440\u0430ssword = "Tr0ub4dor&3"';
    expect(found(secrets, text)).toEqual(['Tr0ub4dor&3']);
  });

  it('sees through a Cyrillic look-alike inside a token prefix', () => {
    expect(kinds(`\u0410KIAIOSFODNN7EXAMPLE`)).toEqual(['AWS_ACCESS_KEY']);
  });
});

describe('secrets: options', () => {
  it('rejects bad options naming the option', () => {
    const def = RULE_SCANNERS.secrets!;
    expect(() => def.parseOptions({ redact_mode: 'some' })).toThrow(/"redact_mode"/);
    expect(() => def.parseOptions({ entropy_threshold: 'high' })).toThrow(/"entropy_threshold"/);
    expect(() => def.parseOptions({ entropy_threshold: { base64: 9 } })).toThrow(/"entropy_threshold.base64"/);
    expect(() => def.parseOptions({ allow: 'a,b', alow: [] })).toThrow(ScannerConfigError);
    expect(() => def.parseOptions({ alow: [] })).toThrow(/unknown option "alow"/);
    expect(() => def.parseOptions({ allow: [1] })).toThrow(/"allow\[0\]"/);
  });

  it('accepts env-style strings', () => {
    expect(RULE_SCANNERS.secrets!.parseOptions({ allow: 'a,b', entropy_threshold: '4.5' })).toEqual({
      redact_mode: 'all',
      allow: ['a', 'b'],
      entropy_threshold: { base64: 4.5, hex: 3.375 },
    });
  });
});
