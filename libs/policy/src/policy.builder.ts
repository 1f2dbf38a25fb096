// Turns the `policies` configuration into runnable policies at start-up. Every problem (an
// unknown scanner, a scanner on the wrong side, a bad option) is reported with its config path,
// e.g. `policies.default.input.ban_substrings.substrings: expected a list of strings`.
import type { PoliciesConfig, PolicyOverride } from '@ollama-guard/config';
import { RULE_SCANNERS } from '@ollama-guard/scanners';
import { createHash } from 'node:crypto';
import { DEFAULT_SCANNERS, RULE_THRESHOLD } from './policy.defaults.js';
import { CompiledPolicy, type BoundScanner } from './policy.runner.js';
import type { Direction, MlScannerFactory, ScannerSettings } from './policy.types.js';
import { createRuleScanner, isRuleScanner, stableJson } from './rule.scanner-adapter.js';

export class PolicyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid scanner policies:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PolicyConfigError';
  }
}

export interface BuildOptions {
  /** ML scanners; without it (the gateway's degraded mode) ML scanners are left out. */
  ml?: MlScannerFactory;
}

const DIRECTIONS: readonly Direction[] = ['input', 'output'];

/** The scanner settings of one policy: built-in defaults with the policy's overrides on top. */
export function resolveSettings(name: string, override: PolicyOverride | undefined, direction: Direction): ScannerSettings[] {
  const overrides = override?.[direction] ?? {};
  const defaults = DEFAULT_SCANNERS[direction];
  const names = [...defaults.map((d) => d.name), ...Object.keys(overrides).filter((n) => !defaults.some((d) => d.name === n))];
  return names.map((scanner) => {
    const base = defaults.find((d) => d.name === scanner);
    const own = overrides[scanner];
    return {
      name: scanner,
      // A scanner named in a policy without `enabled` is meant to run.
      enabled: own?.enabled ?? (own ? true : (base?.enabled ?? false)),
      threshold: own?.threshold ?? base?.threshold ?? Number.NaN,
      action: own?.action ?? base?.action ?? 'block',
      options: { ...base?.options, ...own?.options },
    };
  });
}

export function buildPolicies(config: PoliciesConfig, options: BuildOptions = {}): Map<string, CompiledPolicy> {
  const problems: string[] = [];
  const policies = new Map<string, CompiledPolicy>();
  const names = new Set(['default', ...Object.keys(config)]);
  for (const name of names) {
    const override = config[name];
    const bound: Record<Direction, BoundScanner[]> = { input: [], output: [] };
    const settings: Record<Direction, ScannerSettings[]> = { input: [], output: [] };
    for (const direction of DIRECTIONS) {
      for (const setting of resolveSettings(name, override, direction)) {
        const path = `policies.${name}.${direction}.${setting.name}`;
        const isMl = options.ml?.names.includes(setting.name) ?? false;
        const knownMl = ML_SCANNER_NAMES.includes(setting.name);
        if (!isRuleScanner(setting.name) && !knownMl) {
          problems.push(`${path}: unknown scanner (known: ${[...KNOWN_SCANNERS].sort().join(', ')})`);
          continue;
        }
        const threshold = Number.isNaN(setting.threshold) ? (isMl ? options.ml!.defaultThreshold(setting.name) : RULE_THRESHOLD) : setting.threshold;
        const resolved = { ...setting, threshold };
        settings[direction].push(resolved);
        if (!setting.enabled || (knownMl && !isMl)) continue;
        try {
          const scanner = isMl ? options.ml!.create(setting.name, direction, setting.options) : createRuleScanner(setting.name, direction, setting.options);
          bound[direction].push({ settings: resolved, scanner });
        } catch (error) {
          problems.push(`${path}: ${(error as Error).message}`);
        }
      }
    }
    const failFast = override?.fail_fast ?? config.default?.fail_fast ?? true;
    const fingerprint = createHash('sha256')
      .update(stableJson({ failFast, scanners: DIRECTIONS.map((d) => bound[d].map((b) => [b.settings.name, b.settings.threshold, b.settings.action, b.scanner.version])) }))
      .digest('hex');
    policies.set(name, new CompiledPolicy({ name, failFast, input: settings.input, output: settings.output }, bound, fingerprint));
  }
  if (problems.length > 0) throw new PolicyConfigError(problems);
  return policies;
}

/** ML scanners guard-inference provides; known here so the gateway can tell "not available" from "unknown". */
export const ML_SCANNER_NAMES: readonly string[] = ['prompt_injection', 'toxicity', 'harmful_request'];
const KNOWN_SCANNERS = new Set([...Object.keys(RULE_SCANNERS), ...ML_SCANNER_NAMES]);
