// The `policies` key: named scanner sets. Only the shape is checked here; scanner names and
// their options are checked by libs/policy when the policies are built at start-up (config
// must not depend on the scanners), with the same "path: problem" messages.
import { InvalidValue, type KeySpec } from './config.keys.js';

export type ActionName = 'block' | 'redact' | 'monitor';
export const ACTIONS: readonly ActionName[] = ['block', 'redact', 'monitor'];
export const DIRECTIONS = ['input', 'output'] as const;

/** What a policy says about one scanner; anything not said keeps the built-in default. */
export interface ScannerOverride {
  enabled?: boolean;
  threshold?: number;
  action?: ActionName;
  /** Scanner-specific options: every other key of the entry. */
  options: Record<string, unknown>;
}

export interface PolicyOverride {
  fail_fast?: boolean;
  input: Record<string, ScannerOverride>;
  output: Record<string, ScannerOverride>;
}

export type PoliciesConfig = Record<string, PolicyOverride>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const NAME = /^[a-z0-9][a-z0-9_-]*$/;

function parseBool(raw: unknown, where: string): boolean {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new InvalidValue(`${where}: expected true or false, got ${JSON.stringify(raw)}`);
}

function parseScanner(raw: unknown, where: string): ScannerOverride {
  if (raw === true || raw === false) return { enabled: raw, options: {} };
  if (raw === null || raw === undefined) return { options: {} };
  if (!isObject(raw)) throw new InvalidValue(`${where}: expected a mapping (enabled, threshold, action, options), got ${JSON.stringify(raw)}`);
  const { enabled, threshold, action, options, ...inline } = raw;
  const out: ScannerOverride = { options: {} };
  if (enabled !== undefined) out.enabled = parseBool(enabled, `${where}.enabled`);
  if (threshold !== undefined) {
    const value = typeof threshold === 'string' ? Number(threshold) : threshold;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new InvalidValue(`${where}.threshold: expected a number from 0 to 1, got ${JSON.stringify(threshold)}`);
    out.threshold = value;
  }
  if (action !== undefined) {
    const value = typeof action === 'string' ? action.toLowerCase() : action;
    if (!ACTIONS.includes(value as ActionName)) throw new InvalidValue(`${where}.action: expected one of ${ACTIONS.join(', ')}, got ${JSON.stringify(action)}`);
    out.action = value as ActionName;
  }
  if (options !== undefined && !isObject(options)) throw new InvalidValue(`${where}.options: expected a mapping, got ${JSON.stringify(options)}`);
  out.options = { ...(options as Record<string, unknown> | undefined), ...inline };
  return out;
}

function parsePolicy(raw: unknown, where: string): PolicyOverride {
  if (raw === null || raw === undefined) return { input: {}, output: {} };
  if (!isObject(raw)) throw new InvalidValue(`${where}: expected a mapping with fail_fast, input and output, got ${JSON.stringify(raw)}`);
  const policy: PolicyOverride = { input: {}, output: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'fail_fast') policy.fail_fast = parseBool(value, `${where}.fail_fast`);
    else if (key === 'input' || key === 'output') {
      if (value === null || value === undefined) continue;
      if (!isObject(value)) throw new InvalidValue(`${where}.${key}: expected a mapping of scanner names, got ${JSON.stringify(value)}`);
      for (const [scanner, entry] of Object.entries(value)) policy[key][scanner] = parseScanner(entry, `${where}.${key}.${scanner}`);
    } else throw new InvalidValue(`${where}.${key}: unknown key (expected fail_fast, input or output)`);
  }
  return policy;
}

export function parsePolicies(raw: unknown): PoliciesConfig {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InvalidValue(`expected a JSON object of policies: ${(error as Error).message}`);
    }
  }
  if (!isObject(value)) throw new InvalidValue(`expected a mapping of policy names, got ${JSON.stringify(value)}`);
  const out: PoliciesConfig = {};
  for (const [name, policy] of Object.entries(value)) {
    if (!NAME.test(name)) throw new InvalidValue(`policy name "${name}": use lower-case letters, digits, - and _`);
    out[name] = parsePolicy(policy, name);
  }
  return out;
}

const SCANNER_ENV = /^SCANNER_(INPUT|OUTPUT)_([A-Z0-9_]+?)_(ENABLED|THRESHOLD|ACTION|OPTIONS)$/;

/** `SCANNER_<INPUT|OUTPUT>_<NAME>_<ENABLED|THRESHOLD|ACTION|OPTIONS>` adjust the `default` policy. */
function overlayScannerEnv(env: Record<string, string | undefined>, value: PoliciesConfig): PoliciesConfig {
  const out: PoliciesConfig = structuredClone(value);
  for (const [name, raw] of Object.entries(env)) {
    const match = SCANNER_ENV.exec(name);
    if (!match || raw === undefined || raw === '') continue;
    const [, side, scanner, field] = match;
    const direction = side.toLowerCase() as 'input' | 'output';
    const scannerName = scanner.toLowerCase();
    let entry: Record<string, unknown>;
    if (field === 'OPTIONS') {
      try {
        entry = { options: JSON.parse(raw) };
      } catch (error) {
        throw new InvalidValue(`${name}: expected a JSON object of options: ${(error as Error).message}`);
      }
    } else entry = { [field.toLowerCase()]: raw };
    const parsed = parseScanner(entry, name);
    const policy = (out.default ??= { input: {}, output: {} });
    const current = policy[direction][scannerName] ?? { options: {} };
    const { options, ...fields } = parsed;
    policy[direction][scannerName] = { ...current, ...fields, options: { ...current.options, ...options } };
  }
  if (env.GUARD_FAIL_FAST !== undefined && env.GUARD_FAIL_FAST !== '') {
    (out.default ??= { input: {}, output: {} }).fail_fast = parseBool(env.GUARD_FAIL_FAST, 'GUARD_FAIL_FAST');
  }
  return out;
}

export function policies(doc: string): KeySpec<PoliciesConfig> {
  return {
    kind: 'policies',
    env: ['GUARD_POLICIES'],
    default: {},
    doc,
    parse: parsePolicies,
    overlay: overlayScannerEnv,
    envDoc: '`SCANNER_<SIDE>_<NAME>_<FIELD>`, `GUARD_FAIL_FAST` (default policy; see docs/scanners.md)',
  };
}
