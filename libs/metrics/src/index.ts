// Prometheus metrics (prom-client) on a per-app registry, served on the admin port.
export { bindCacheMetrics } from './cache.metrics.js';
export { MetricsModule } from './metrics.module.js';
export { BoundedLabel, LATENCY_BUCKETS, METRIC_PREFIX, MetricsRegistry } from './metrics.registry.js';
