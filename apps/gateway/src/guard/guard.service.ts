import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import type { Segment, VaultEntry, Verdict } from '@ollama-guard/contracts';
import { hasScannerError } from '@ollama-guard/policy';
import { CircuitBreaker } from './circuit.breaker.js';
import { GuardCallError, GuardClient, type OutputStreamSession } from './guard.client.js';
import { LocalGuard } from './local.guard.js';

/** How a verdict was reached, for the response headers and the logs. */
export type VerdictSource = 'guard' | 'degraded';

export type GuardDecision =
  | { ok: true; verdict: Verdict; source: VerdictSource }
  /** No verdict could be had; `block_on_error` decides what the gateway does. */
  | { ok: false; reason: string };

/**
 * Asks guard-inference for verdicts, behind a circuit breaker. When no verdict comes (down, too
 * slow, a scanner failed) it falls back to the gateway's own rule scanners if degraded mode is on.
 * A verdict with a scanner error is never treated as allowed.
 */
@Injectable()
export class GuardService {
  private readonly logger = new Logger('Guard');
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly client: GuardClient,
    private readonly local: LocalGuard,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.breaker = new CircuitBreaker(config.guard.breaker_failures, config.guard.breaker_reset_ms);
  }

  scanPrompt(policy: string, segments: Segment[], requestId: string): Promise<GuardDecision> {
    return this.decide(
      () => this.client.scanPrompt({ policy, segments, requestId }),
      () => this.local.scanPrompt(policy, segments),
    );
  }

  scanOutput(policy: string, prompt: string, output: string, vault: VaultEntry[], requestId: string): Promise<GuardDecision> {
    return this.decide(
      () => this.client.scanOutput({ policy, prompt, output, vault, requestId }),
      () => this.local.scanOutput(policy, prompt, output, vault),
    );
  }

  /** A streaming session with guard-inference, or undefined when the breaker is open. */
  openOutputStream(policy: string, prompt: string, vault: VaultEntry[], requestId: string): OutputStreamSession | undefined {
    if (!this.breaker.tryAcquire()) return undefined;
    return this.client.openOutputStream({ policy, prompt, vault, requestId });
  }

  /** Scans one stream window locally (degraded mode for streams). */
  scanWindowLocally(policy: string, prompt: string, text: string, overlap: number, vault: VaultEntry[]): Promise<Verdict> {
    return this.local.scanWindow(policy, prompt, text, overlap, vault);
  }

  get degradedMode(): boolean {
    return this.config.guard.degraded_mode;
  }

  private async decide(remote: () => Promise<Verdict>, local: () => Promise<Verdict>): Promise<GuardDecision> {
    let reason: string;
    if (this.breaker.tryAcquire()) {
      try {
        const verdict = await remote();
        this.breaker.success();
        if (!hasScannerError(verdict)) return { ok: true, verdict, source: 'guard' };
        reason = `a scanner failed: ${verdict.results.filter((r) => r.error).map((r) => `${r.name} (${r.reason})`).join(', ')}`;
      } catch (error) {
        if (error instanceof GuardCallError) {
          this.breaker.failure();
          reason = `guard service unavailable: ${error.message}`;
        } else throw error;
      }
    } else reason = 'guard service unavailable: circuit open after repeated failures';
    this.logger.warn(reason);
    if (!this.config.guard.degraded_mode) return { ok: false, reason };
    const verdict = await local();
    return hasScannerError(verdict) ? { ok: false, reason } : { ok: true, verdict, source: 'degraded' };
  }
}
