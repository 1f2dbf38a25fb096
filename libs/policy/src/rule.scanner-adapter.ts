import { createHash } from 'node:crypto';
import { RULE_SCANNERS, ScannerConfigError, Vault, type Scanner, type ScanDirection } from '@ollama-guard/scanners';
import type { Direction, PolicyScanContext, PolicyScanner, ScanFinding } from './policy.types.js';

export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

export const shortHash = (value: unknown): string => createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 16);

/** A libs/scanners rule scanner as the policy runner sees it. */
class RuleScanner implements PolicyScanner {
  readonly kind = 'rule' as const;

  constructor(
    private readonly scanner: Scanner,
    readonly version: string,
  ) {}

  get name(): string {
    return this.scanner.name;
  }

  scan(text: string, context: PolicyScanContext): ScanFinding {
    return this.scanner.scan(text, { direction: context.direction as ScanDirection, prompt: context.prompt, vault: context.vault as Vault });
  }
}

export const isRuleScanner = (name: string): boolean => Object.hasOwn(RULE_SCANNERS, name);

export function createRuleScanner(name: string, direction: Direction, options: Readonly<Record<string, unknown>>): PolicyScanner {
  const definition = RULE_SCANNERS[name];
  if (!definition.directions.includes(direction)) throw new ScannerConfigError(`runs on ${definition.directions.join(' and ')} only`);
  const parsed = definition.parseOptions({ ...definition.defaults, ...options });
  return new RuleScanner(definition.create(parsed), shortHash({ name, options: parsed }));
}
