// The verdict cache shared by both apps: memory, Redis (standalone, Sentinel, Cluster) or auto.
export { entryId, KEY_SCHEMA_VERSION, type EntryId, type ScanIdentity } from './cache.key.js';
export { CacheStats, TIERS, type CacheObserver, type LookupResult, type Tier } from './cache.stats.js';
export { CACHE_REDIS, CacheModule, cacheOptionsFrom } from './cache.module.js';
export { MemoryStore } from './memory.store.js';
export { RedisStore, RedisUnavailableError } from './redis.store.js';
export { TieredCache, type CacheBackend, type CacheOptions, type CacheOutcome, type CachedResult, type CacheStatsSnapshot, type LookupOptions, type ValueCodec } from './tiered.cache.js';
export { isCacheableVerdict, outputEntry, promptEntry, VERDICT_CODEC, VerdictCache } from './verdict.cache.js';
export { seal, unseal } from './value.sealer.js';
