// Counters and latencies per tier, kept cheap enough for every lookup; the metrics module reads
// the same numbers through `observe`, so /cache/stats and Prometheus cannot disagree.
export type Tier = 'l1' | 'memory' | 'redis';
export const TIERS: readonly Tier[] = ['l1', 'memory', 'redis'];

export type LookupResult = 'hit' | 'miss' | 'error';

export type CacheObserver = (tier: Tier, result: LookupResult, seconds: number) => void;

const WINDOW = 1024;

class Latency {
  private readonly samples = new Float64Array(WINDOW);
  private count = 0;
  private sum = 0;

  add(ms: number): void {
    this.samples[this.count % WINDOW] = ms;
    this.count++;
    this.sum += ms;
  }

  snapshot(): { count: number; mean_ms: number; p50_ms: number; p99_ms: number } {
    const n = Math.min(this.count, WINDOW);
    if (n === 0) return { count: 0, mean_ms: 0, p50_ms: 0, p99_ms: 0 };
    const sorted = Array.from(this.samples.subarray(0, n)).sort((a, b) => a - b);
    const at = (q: number) => Number(sorted[Math.min(n - 1, Math.floor(q * n))].toFixed(3));
    return { count: this.count, mean_ms: Number((this.sum / this.count).toFixed(3)), p50_ms: at(0.5), p99_ms: at(0.99) };
  }
}

export interface TierSnapshot {
  hits: number;
  misses: number;
  errors: number;
  /** Lookup latency over the last 1,024 lookups (p50, p99) and since start (mean). */
  latency: ReturnType<Latency['snapshot']>;
}

export class CacheStats {
  private readonly tiers = new Map(TIERS.map((tier) => [tier, { hits: 0, misses: 0, errors: 0, latency: new Latency() }]));
  private readonly observers: CacheObserver[] = [];
  /** Scans answered by an identical scan already running here or on another replica. */
  coalesced = 0;
  writes = 0;
  writeErrors = 0;
  /** Verdicts not cached: scanner errors, degraded or fail-open verdicts. */
  uncacheable = 0;

  observe(observer: CacheObserver): void {
    this.observers.push(observer);
  }

  record(tier: Tier, result: LookupResult, ms: number): void {
    const entry = this.tiers.get(tier)!;
    if (result === 'hit') entry.hits++;
    else if (result === 'miss') entry.misses++;
    else entry.errors++;
    entry.latency.add(ms);
    for (const observer of this.observers) observer(tier, result, ms / 1000);
  }

  snapshot(): Record<Tier, TierSnapshot> {
    return Object.fromEntries(
      [...this.tiers].map(([tier, t]) => [tier, { hits: t.hits, misses: t.misses, errors: t.errors, latency: t.latency.snapshot() }]),
    ) as Record<Tier, TierSnapshot>;
  }
}
