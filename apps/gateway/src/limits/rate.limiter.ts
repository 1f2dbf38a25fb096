import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { RedisConnection } from '@ollama-guard/redis';
import type { GcraLimit, GcraResult } from './gcra.js';
import { MemoryGcraStore } from './memory-gcra.store.js';
import { RedisGcraStore } from './redis-gcra.store.js';

export type RateUnit = 'requests' | 'tokens';

export interface RateDecision extends GcraResult {
  unit: RateUnit;
  limit: GcraLimit;
  /** Where the decision was taken: `redis` (shared), `memory` (this replica), `none` (Redis down in `redis` mode). */
  backend: 'redis' | 'memory' | 'none';
}

/**
 * Requests and prompt tokens per minute, per client. With a Redis backend every replica checks
 * the same key with one atomic script; in `auto` mode a Redis that is down or too slow (the
 * command timeout) hands over to this replica's memory until it answers again.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly memory = new MemoryGcraStore();
  private readonly redis: RedisConnection | undefined;
  private readonly shared: RedisGcraStore | undefined;
  private readonly backend: AppConfig['rate_limit']['backend'];
  private readonly prefix: string;
  private redisFailing = false;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.backend = config.rate_limit.backend;
    this.prefix = config.rate_limit.prefix;
    if (this.backend !== 'memory') {
      this.redis = new RedisConnection(config.redis, 'ratelimit');
      this.shared = new RedisGcraStore(this.redis);
      this.redis.on('up', () => this.noteRedis(true));
      this.redis.on('down', () => this.noteRedis(false));
    }
  }

  get backendInUse(): 'redis' | 'memory' | 'none' {
    if (!this.redis) return 'memory';
    if (this.redis.ready && !this.redisFailing) return 'redis';
    return this.backend === 'auto' ? 'memory' : 'none';
  }

  /** `perMinute` 0 means no limit: undefined. */
  /** Refusals so far, by unit: the metrics read them. */
  readonly refused: Record<RateUnit, number> = { requests: 0, tokens: 0 };

  async check(identity: string, unit: RateUnit, perMinute: number, cost = 1): Promise<RateDecision | undefined> {
    const decision = await this.decide(identity, unit, perMinute, cost);
    if (decision && !decision.allowed) this.refused[unit]++;
    return decision;
  }

  /** A request larger than the whole per-minute budget, refused without a check. */
  refuseOutright(unit: RateUnit): void {
    this.refused[unit]++;
  }

  private async decide(identity: string, unit: RateUnit, perMinute: number, cost: number): Promise<RateDecision | undefined> {
    if (perMinute <= 0) return undefined;
    const burst = unit === 'requests' ? this.config.rate_limit.burst : 0;
    const limit: GcraLimit = { perMinute, capacity: burst > 0 ? burst : perMinute };
    // `{...}` is a hash tag: a client's keys share one Cluster slot.
    const key = `${this.prefix}:rl:{${identity}}:${unit === 'requests' ? 'r' : 't'}`;
    if (this.shared) {
      const result = await this.shared.check(key, limit, cost);
      this.noteRedis(result !== undefined);
      if (result) return { ...result, unit, limit, backend: 'redis' };
      if (this.backend === 'redis') return { allowed: true, remaining: limit.capacity, retryAfterUs: 0, resetUs: 0, unit, limit, backend: 'none' };
    }
    return { ...this.memory.check(key, limit, cost), unit, limit, backend: 'memory' };
  }

  async onApplicationShutdown(): Promise<void> {
    this.memory.close();
    await this.redis?.close();
  }

  private noteRedis(ok: boolean): void {
    if (ok === !this.redisFailing) return;
    this.redisFailing = !ok;
    if (ok) this.logger.log(`Redis (${this.redis!.description}) answers again: rate limits are shared across replicas`);
    else if (this.backend === 'auto') this.logger.warn(`Redis (${this.redis!.description}) unavailable: rate limits are counted per replica until it answers (${this.redis!.lastError || 'no answer'})`);
    else this.logger.error(`Redis (${this.redis!.description}) unavailable: requests are not rate limited until it answers (${this.redis!.lastError || 'no answer'})`);
  }
}

/** The `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers), and `Retry-After` when denied. */
export function rateLimitHeaders(decisions: readonly RateDecision[]): Record<string, string> {
  if (decisions.length === 0) return {};
  const headers: Record<string, string> = {
    'ratelimit-policy': decisions.map((d) => `"${d.unit}";q=${d.limit.capacity};w=60`).join(', '),
    ratelimit: decisions.map((d) => `"${d.unit}";r=${d.remaining};t=${Math.ceil(d.resetUs / 1e6)}`).join(', '),
  };
  const denied = decisions.find((d) => !d.allowed);
  if (denied) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(denied.retryAfterUs / 1e6)));
    // The OpenAI SDKs read this one for their own back-off.
    headers['retry-after-ms'] = String(Math.max(1, Math.ceil(denied.retryAfterUs / 1e3)));
  }
  return headers;
}
