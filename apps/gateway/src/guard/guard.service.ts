import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { isCacheableVerdict, outputEntry, promptEntry, VerdictCache, type EntryId } from '@ollama-guard/cache';
import type { Segment, VaultEntry, Verdict } from '@ollama-guard/contracts';
import { hasScannerError } from '@ollama-guard/policy';
import { CircuitBreaker } from './circuit.breaker.js';
import { GuardCallError, GuardClient, type OutputStreamSession } from './guard.client.js';
import { LocalGuard } from './local.guard.js';
import { PolicyFingerprints } from './policy.fingerprints.js';
import { GatewayMetrics } from '../observability/gateway.metrics.js';
import { performance } from 'node:perf_hooks';

/** How a verdict was reached, for the response headers and the logs. */
export type VerdictSource = 'guard' | 'degraded';

export type GuardDecision =
  /** `cached`: no scan ran for this call (a cache hit here or in guard-inference, or a coalesced scan). */
  | { ok: true; verdict: Verdict; source: VerdictSource; cached: boolean }
  /** No verdict could be had; `block_on_error` decides what the gateway does. */
  | { ok: false; reason: string };

/** Carries a no-verdict decision through the cache, so coalesced callers get it too. */
class NoVerdict extends Error {
  constructor(readonly decision: Extract<GuardDecision, { ok: false }>) {
    super(decision.reason);
  }
}

/**
 * Asks guard-inference for verdicts, behind a circuit breaker and the verdict cache. When no verdict comes (down, too
 * slow, a scanner failed) it falls back to the gateway's own rule scanners if degraded mode is on.
 * A verdict with a scanner error is never treated as allowed.
 */
@Injectable()
export class GuardService {
  private readonly logger = new Logger('Guard');
  readonly breaker: CircuitBreaker;

  /** Which verdicts came from the degraded path: they answer their own request, never a cached one. */
  private readonly sources = new WeakMap<Verdict, VerdictSource>();

  constructor(
    private readonly client: GuardClient,
    private readonly local: LocalGuard,
    private readonly cache: VerdictCache,
    private readonly fingerprints: PolicyFingerprints,
    private readonly metrics: GatewayMetrics,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.breaker = new CircuitBreaker(config.guard.breaker_failures, config.guard.breaker_reset_ms);
  }

  scanPrompt(policy: string, segments: Segment[], requestId: string): Promise<GuardDecision> {
    return this.observed('input', this.promptDecision(policy, segments, requestId));
  }

  scanOutput(policy: string, prompt: string, output: string, vault: VaultEntry[], requestId: string): Promise<GuardDecision> {
    return this.observed('output', this.outputDecision(policy, prompt, output, vault, requestId));
  }

  /** Counts an enforced streamed answer once, by how it ended. */
  countStream(result: 'allowed' | 'blocked' | 'unscanned', degraded: boolean): void {
    this.metrics.verdicts.inc({ direction: 'output_stream', result, source: result === 'unscanned' ? 'none' : degraded ? 'degraded' : 'guard' });
  }

  private async observed(direction: 'input' | 'output', pending: Promise<GuardDecision>): Promise<GuardDecision> {
    const started = performance.now();
    const decision = await pending;
    const source = !decision.ok ? 'none' : decision.source === 'degraded' ? 'degraded' : decision.cached ? 'cache' : 'guard';
    const result = !decision.ok ? 'unscanned' : !decision.verdict.allowed ? 'blocked' : decision.verdict.modified ? 'redacted' : 'allowed';
    this.metrics.verdicts.inc({ direction, result, source });
    this.metrics.guardDuration.observe({ direction, source }, (performance.now() - started) / 1000);
    return decision;
  }

  private promptDecision(policy: string, segments: Segment[], requestId: string): Promise<GuardDecision> {
    const fingerprint = this.fingerprints.get(policy);
    const remote = (skipCacheLookup: boolean) => () => this.client.scanPrompt({ policy, segments, requestId, skipCacheLookup });
    const local = () => this.local.scanPrompt(policy, segments);
    if (!fingerprint || !this.cache.enabled) return this.decide(policy, remote(false), local);
    return this.cached(promptEntry(fingerprint, segments.map((s) => s.text)), fingerprint, policy, remote(true), local);
  }

  private outputDecision(policy: string, prompt: string, output: string, vault: VaultEntry[], requestId: string): Promise<GuardDecision> {
    const fingerprint = this.fingerprints.get(policy);
    const remote = (skipCacheLookup: boolean) => () => this.client.scanOutput({ policy, prompt, output, vault, requestId, skipCacheLookup });
    const local = () => this.local.scanOutput(policy, prompt, output, vault);
    if (!fingerprint || !this.cache.enabled) return this.decide(policy, remote(false), local);
    return this.cached(outputEntry(fingerprint, prompt, output, vault), fingerprint, policy, remote(true), local);
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

  /**
   * Looks the scan up in this process and in the shared tier; on a miss guard-inference scans
   * without looking again and writes the shared tier itself, so this side keeps the verdict in
   * process only. A verdict is reused only if guard-inference made it with the fingerprint the
   * key was built on, complete, and not in degraded mode.
   */
  private async cached(id: EntryId, fingerprint: string, policy: string, remote: () => Promise<Verdict>, local: () => Promise<Verdict>): Promise<GuardDecision> {
    const compute = async () => {
      const decision = await this.decide(policy, remote, local);
      if (!decision.ok) throw new NoVerdict(decision);
      this.sources.set(decision.verdict, decision.source);
      return decision.verdict;
    };
    const cacheable = (verdict: Verdict) => this.sources.get(verdict) === 'guard' && verdict.fingerprint === fingerprint && isCacheableVerdict(verdict);
    try {
      const { value, outcome } = await this.cache.getOrCompute(id, compute, cacheable, { share: false });
      const computedHere = outcome === 'miss';
      return { ok: true, verdict: value, source: this.sources.get(value) ?? 'guard', cached: !computedHere || value.cached };
    } catch (error) {
      if (error instanceof NoVerdict) return error.decision;
      throw error;
    }
  }

  private async decide(policy: string, remote: () => Promise<Verdict>, local: () => Promise<Verdict>): Promise<GuardDecision> {
    let reason: string;
    if (this.breaker.tryAcquire()) {
      try {
        const verdict = await remote();
        this.breaker.success();
        this.fingerprints.learn(policy, verdict.fingerprint);
        if (!hasScannerError(verdict)) return { ok: true, verdict, source: 'guard', cached: verdict.cached };
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
    return hasScannerError(verdict) ? { ok: false, reason } : { ok: true, verdict, source: 'degraded', cached: false };
  }
}
