import { Injectable, Optional } from '@nestjs/common';
import { AdminServer, StatsRegistry } from '@ollama-guard/admin';
import { ModelQueue } from './model.queue.js';
import { RateLimiter } from './rate.limiter.js';

/** The queue's state on the admin port too (`/queue/stats`, and a `queue` section of `/stats`). */
@Injectable()
export class QueueAdminRoutes {
  constructor(queue: ModelQueue, limiter: RateLimiter, @Optional() admin?: AdminServer, @Optional() stats?: StatsRegistry) {
    const snapshot = () => ({ ...queue.stats(), rate_limit_backend: limiter.backendInUse });
    admin?.route({ method: 'GET', path: '/queue/stats', handler: snapshot });
    stats?.add('queue', () => {
      const { backend, num_parallel, models } = queue.stats();
      const sum = (field: 'active' | 'queued' | 'rejected' | 'timed_out') => Object.values(models).reduce((total, m) => total + m[field], 0);
      return { backend, num_parallel, active: sum('active'), queued: sum('queued'), rejected: sum('rejected'), timed_out: sum('timed_out'), rate_limit_backend: limiter.backendInUse };
    });
  }
}
