import { Controller, Get } from '@nestjs/common';
import { ModelQueue, type ModelQueueStats } from './model.queue.js';
import { RateLimiter } from './rate.limiter.js';

/** Per-model queue state of this replica (on the gateway port until the admin port exists). */
@Controller()
export class QueueController {
  constructor(
    private readonly queue: ModelQueue,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('queue/stats')
  stats(): ModelQueueStats & { rate_limit_backend: string } {
    return { ...this.queue.stats(), rate_limit_backend: this.limiter.backendInUse };
  }
}
