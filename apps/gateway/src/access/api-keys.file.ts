// The API keys file. Keys are stored as SHA-256 hashes (a leaked file or Secret does not leak
// keys), each with a name that logs and stats use instead of the key:
//
//   keys:
//     - name: open-webui
//       sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
//       models: ["llama3.2", "qwen2.5:*"]   # optional: only these models
//       policy: strict                        # optional: the scanner policy for this key
//       rpm: 600                              # optional: own requests per minute
//       tpm: 200000                           # optional: own prompt tokens per minute
//
// A bare list of entries works too, and JSON is YAML. Every problem is reported with its place.
import { parse as parseYaml } from 'yaml';
import { ModelPatterns } from './model.patterns.js';

export interface ApiKeyEntry {
  readonly name: string;
  /** Lower-case hex SHA-256 of the key. */
  readonly sha256: string;
  /** Undefined: every model. */
  readonly models?: ModelPatterns;
  /** Named scanner policy; undefined: `default`. */
  readonly policy?: string;
  readonly rpm?: number;
  readonly tpm?: number;
}

export class ApiKeysFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`API keys file ${file}: ${problems.join('; ')}`);
    this.name = 'ApiKeysFileError';
  }
}

const FIELDS = new Set(['name', 'sha256', 'models', 'policy', 'rpm', 'tpm']);
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the file's text; `policies` are the configured policy names a key may select. */
export function parseApiKeys(file: string, text: string, policies: ReadonlySet<string>): ApiKeyEntry[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ApiKeysFileError(file, [`invalid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.keys) ? doc.keys : undefined;
  if (!list) throw new ApiKeysFileError(file, ['expected a `keys:` list of entries (name, sha256, models, policy, rpm, tpm)']);
  const problems: string[] = [];
  const entries: ApiKeyEntry[] = [];
  const names = new Set<string>();
  const hashes = new Set<string>();
  list.forEach((raw: unknown, i: number) => {
    const where = `keys[${i}]`;
    if (!isObject(raw)) return problems.push(`${where}: expected a mapping, got ${JSON.stringify(raw)}`);
    for (const field of Object.keys(raw)) if (!FIELDS.has(field)) problems.push(`${where}.${field}: unknown field (plain keys are never stored: use sha256)`);
    const { name, sha256, models, policy, rpm, tpm } = raw;
    if (typeof name !== 'string' || !NAME.test(name)) problems.push(`${where}.name: expected 1-64 letters, digits, '_', '.', '@' or '-', got ${JSON.stringify(name)}`);
    else if (names.has(name)) problems.push(`${where}.name: "${name}" is used twice`);
    else names.add(name);
    const hash = typeof sha256 === 'string' ? sha256.trim().toLowerCase().replace(/^sha256:/, '') : '';
    if (!/^[0-9a-f]{64}$/.test(hash)) problems.push(`${where}.sha256: expected 64 hex digits (printf %s "$KEY" | sha256sum)`);
    else if (hashes.has(hash)) problems.push(`${where}.sha256: the same key is listed twice`);
    else hashes.add(hash);
    if (models !== undefined && !(Array.isArray(models) && models.every((m) => typeof m === 'string' && m.trim() !== ''))) {
      problems.push(`${where}.models: expected a list of model names or patterns such as "qwen2.5:*"`);
    }
    if (policy !== undefined && (typeof policy !== 'string' || !policies.has(policy))) {
      problems.push(`${where}.policy: ${JSON.stringify(policy)} is not a configured policy (known: ${[...policies].join(', ')})`);
    }
    for (const [field, value] of [
      ['rpm', rpm],
      ['tpm', tpm],
    ] as const) {
      if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) problems.push(`${where}.${field}: expected a whole number (0: no limit)`);
    }
    entries.push({
      name: String(name),
      sha256: hash,
      models: Array.isArray(models) ? new ModelPatterns(models as string[]) : undefined,
      policy: typeof policy === 'string' ? policy : undefined,
      rpm: typeof rpm === 'number' ? rpm : undefined,
      tpm: typeof tpm === 'number' ? tpm : undefined,
    });
  });
  if (problems.length > 0) throw new ApiKeysFileError(file, problems);
  return entries;
}
