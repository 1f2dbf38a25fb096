import { Injectable } from '@nestjs/common';
import { BoundedLabel, MetricsRegistry } from '@ollama-guard/metrics';
import { ModelQueue } from '../limits/model.queue.js';
import { RateLimiter } from '../limits/rate.limiter.js';

/** Rate-limit and queue series, read from the limiter's and the queue's own counters and events. */
@Injectable()
export class LimitsMetrics {
  constructor(metrics: MetricsRegistry, limiter: RateLimiter, queue: ModelQueue) {
    const models = new BoundedLabel(50);
    metrics.counter({
      name: 'rate_limit_rejections_total',
      help: 'Requests refused with 429, by scope: requests per minute or prompt tokens per minute.',
      labelNames: ['scope'],
      collect() {
        this.reset();
        this.inc({ scope: 'requests' }, limiter.refused.requests);
        this.inc({ scope: 'tokens' }, limiter.refused.tokens);
      },
    });
    const rejections = metrics.counter({ name: 'queue_rejections_total', help: 'Requests refused with 503 by the per-model queue, by model and reason (full, timeout).', labelNames: ['model', 'reason'] });
    const waits = metrics.histogram({ name: 'queue_wait_seconds', help: 'Time admitted requests waited for a slot of their model.', labelNames: ['model'] });
    queue.onRefused = (model, reason) => rejections.inc({ model: models.of(model), reason });
    queue.onWait = (model, ms) => waits.observe({ model: models.of(model) }, ms / 1000);
    const lanes = () => Object.entries(queue.stats().models);
    metrics.gauge({
      name: 'queue_depth',
      help: 'Requests waiting for a slot, by model.',
      labelNames: ['model'],
      collect() {
        this.reset();
        for (const [model, lane] of lanes()) this.set({ model: models.of(model) }, lane.queued);
      },
    });
    metrics.gauge({
      name: 'queue_active',
      help: 'Slots in use, by model (a stream holds its slot until it ends).',
      labelNames: ['model'],
      collect() {
        this.reset();
        for (const [model, lane] of lanes()) this.set({ model: models.of(model) }, lane.active);
      },
    });
  }
}
