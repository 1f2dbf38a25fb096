import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CACHE_REDIS } from '@ollama-guard/cache';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { AppLifecycle, HealthChecks } from '@ollama-guard/health';
import type { RedisConnection } from '@ollama-guard/redis';
import { GuardClient } from '../guard/guard.client.js';
import { UpstreamClient } from '../upstream/upstream.client.js';

/**
 * What the gateway's readiness depends on: guard-inference (when anything is guarded), Redis
 * when the cache must be shared (`redis`; `auto` serves from memory instead), and the upstream
 * only when asked to, since an Ollama restart should not take every gateway out of the Service.
 */
@Injectable()
export class ReadinessChecks implements OnApplicationBootstrap {
  constructor(
    private readonly health: HealthChecks,
    private readonly lifecycle: AppLifecycle,
    private readonly guard: GuardClient,
    private readonly upstream: UpstreamClient,
    @Inject(CACHE_REDIS) private readonly redis: RedisConnection | undefined,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { guard, cache, admin } = this.config;
    if (guard.enable_input || guard.enable_output) this.health.requireForReadiness('guard_inference', () => this.guard.checkHealth());
    const redis = this.redis;
    if (redis && cache.backend === 'redis') {
      this.health.requireForReadiness('redis', async () => {
        if (!redis.ready) throw new Error(redis.lastError || `${redis.description} not connected`);
      });
    }
    if (admin.check_upstream) this.health.requireForReadiness('upstream', () => this.upstream.ping());
    this.lifecycle.markReady();
  }
}
