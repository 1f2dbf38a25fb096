// The verdict cache's numbers as Prometheus series, fed by the same counters /cache/stats shows.
import type { VerdictCache } from '@ollama-guard/cache';
import type { MetricsRegistry } from './metrics.registry.js';

export function bindCacheMetrics(metrics: MetricsRegistry, cache: VerdictCache): void {
  const lookups = metrics.counter({ name: 'cache_lookups_total', help: 'Verdict cache lookups by tier and result (hit, miss, error).', labelNames: ['tier', 'result'] });
  const duration = metrics.histogram({
    name: 'cache_lookup_duration_seconds',
    help: 'Verdict cache lookup time by tier.',
    labelNames: ['tier'],
    buckets: [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1],
  });
  cache.stats.observe((tier, result, seconds) => {
    lookups.inc({ tier, result });
    duration.observe({ tier }, seconds);
  });
  metrics.gauge({
    name: 'cache_backend_active',
    help: 'The store answering right now (1 for the active one): memory, redis or none; with CACHE_BACKEND=auto, memory means Redis is down.',
    labelNames: ['backend'],
    collect() {
      const { active } = cache.snapshot();
      for (const backend of ['memory', 'redis', 'none']) this.set({ backend }, backend === active ? 1 : 0);
    },
  });
  metrics.gauge({
    name: 'cache_fallback',
    help: '1 while CACHE_BACKEND=auto serves from memory because Redis is unreachable.',
    collect() {
      this.set(cache.snapshot().fallback ? 1 : 0);
    },
  });
  metrics.gauge({
    name: 'cache_entries',
    help: 'Verdicts held in process, by tier.',
    labelNames: ['tier'],
    collect() {
      const { entries } = cache.snapshot();
      this.set({ tier: 'l1' }, entries.l1);
      this.set({ tier: 'memory' }, entries.memory);
    },
  });
  metrics.counter({
    name: 'cache_coalesced_total',
    help: 'Scans answered by an identical scan already running (in this process or, with CACHE_LOCK, on another replica).',
    collect() {
      this.reset();
      this.inc(cache.stats.coalesced);
    },
  });
}
