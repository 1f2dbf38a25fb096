import { Module } from '@nestjs/common';
import { ModelQueue } from '../limits/model.queue.js';
import { QueueAdminRoutes } from '../limits/queue.admin.js';
import { QueueController } from '../limits/queue.controller.js';
import { RateLimiter } from '../limits/rate.limiter.js';
import { TrafficService } from '../limits/traffic.service.js';
import { LimitsMetrics } from '../observability/limits.metrics.js';
import { AccessService } from './access.service.js';
import { ApiKeyStore } from './api-keys.store.js';

/** Access control (addresses, keys, CORS) and traffic management (rate limits, per-model queues). */
@Module({
  controllers: [QueueController],
  providers: [ApiKeyStore, RateLimiter, ModelQueue, AccessService, TrafficService, QueueAdminRoutes, LimitsMetrics],
  exports: [AccessService, TrafficService],
})
export class AccessModule {}
