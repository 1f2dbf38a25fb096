// The runner's verdict as it travels on the wire (guard.v1.Verdict). The gateway works with the
// wire type only, whether the verdict came from guard-inference or from its own degraded mode.
import { Action, type ScannerResult, type VaultEntry, type Verdict } from '@ollama-guard/contracts';
import { Vault } from '@ollama-guard/scanners';
import type { VerdictModel } from './policy.runner.js';
import type { Action as ActionName } from './policy.types.js';

const ACTION: Record<ActionName, Action> = { block: Action.ACTION_BLOCK, redact: Action.ACTION_REDACT, monitor: Action.ACTION_MONITOR };

export function toWireVerdict(model: VerdictModel, vault: Vault): Verdict {
  return {
    allowed: model.allowed,
    sanitized: model.sanitized,
    modified: model.modified,
    results: model.results.map(
      (r): ScannerResult => ({ name: r.name, passed: r.passed, score: r.score, action: ACTION[r.action], reason: r.reason, durationMs: r.durationMs, error: r.error }),
    ),
    policy: model.policy,
    fingerprint: model.fingerprint,
    vault: vault.entries().map(([placeholder, original]) => ({ placeholder, original })),
    durationMs: model.durationMs,
    cached: false,
  };
}

export function vaultFrom(entries: readonly VaultEntry[] | undefined): Vault {
  return Vault.from((entries ?? []).map((e) => [e.placeholder, e.original] as [string, string]));
}

/** A wire verdict that cannot be trusted: some scanner failed to run. */
export const hasScannerError = (verdict: Verdict): boolean => verdict.results.some((r) => r.error);
