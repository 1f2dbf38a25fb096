import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ollama-guard/config';
import { RedisConnection } from '@ollama-guard/redis';
import { VERDICT_CODEC, VerdictCache } from './verdict.cache.js';

export const CACHE_REDIS = Symbol('CACHE_REDIS');

export function cacheOptionsFrom(config: AppConfig): ConstructorParameters<typeof VerdictCache>[0] {
  const { cache } = config;
  return {
    enabled: cache.enabled,
    backend: cache.backend,
    prefix: cache.prefix,
    ttlMs: cache.ttl * 1000,
    maxSize: cache.max_size,
    l1: { enabled: cache.l1_enabled, ttlMs: cache.l1_ttl * 1000, maxSize: cache.l1_max_size },
    lock: { enabled: cache.lock, ttlMs: cache.lock_ttl_ms, waitMs: cache.lock_wait_ms },
  };
}

class CacheLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CACHE_REDIS) private readonly redis: RedisConnection | undefined) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}

/** One verdict cache per process; Redis is connected only when a shared backend is configured. */
@Global()
@Module({})
export class CacheModule {
  /**
   * `sharedOnly`: cache only when a shared backend (redis, auto) is configured. guard-inference
   * uses it: with the memory backend each gateway already caches in its own process.
   */
  static forRoot(name: string, { sharedOnly = false }: { sharedOnly?: boolean } = {}): DynamicModule {
    return {
      module: CacheModule,
      providers: [
        {
          provide: CACHE_REDIS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            config.cache.enabled && config.cache.backend !== 'memory' ? new RedisConnection(config.redis, name) : undefined,
        },
        {
          provide: VerdictCache,
          inject: [APP_CONFIG, CACHE_REDIS],
          useFactory: (config: AppConfig, redis: RedisConnection | undefined) => {
            const options = cacheOptionsFrom(config);
            return new VerdictCache({ ...options, enabled: options.enabled && !(sharedOnly && options.backend === 'memory') }, VERDICT_CODEC, redis);
          },
        },
        CacheLifecycle,
      ],
      exports: [VerdictCache, CACHE_REDIS],
    };
  }
}
