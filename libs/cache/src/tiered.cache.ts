// The cache both apps use: an optional in-process first tier, then Redis (shared by every
// replica) or an in-process LRU, with `auto` falling back to memory while Redis is unreachable.
// Identical concurrent computations in one process run once; across replicas a short Redis lock
// makes the others wait for the first one's result. Failed or partial results are never stored.
import { Logger } from '@nestjs/common';
import type { RedisConnection } from '@ollama-guard/redis';
import { recordSpan } from '@ollama-guard/tracing';
import { performance } from 'node:perf_hooks';
import type { EntryId } from './cache.key.js';
import { CacheStats, type Tier, type TierSnapshot } from './cache.stats.js';
import { MemoryStore } from './memory.store.js';
import { RedisStore } from './redis.store.js';
import { seal, unseal } from './value.sealer.js';

export type CacheBackend = 'memory' | 'redis' | 'auto';

export interface CacheOptions {
  enabled: boolean;
  backend: CacheBackend;
  prefix: string;
  ttlMs: number;
  maxSize: number;
  l1: { enabled: boolean; ttlMs: number; maxSize: number };
  lock: { enabled: boolean; ttlMs: number; waitMs: number };
}

export interface ValueCodec<V> {
  encode(value: V): Uint8Array;
  decode(bytes: Uint8Array): V;
}

/** Where a result came from: a tier, another computation (`coalesced`), or nowhere (computed). */
export type CacheOutcome = Tier | 'coalesced' | 'miss' | 'off';

export interface LookupOptions {
  /** false: the caller knows the shared tier misses (another process just looked); compute and store. */
  lookup?: boolean;
  /** false: keep the result in process only; another process writes the shared tier. */
  share?: boolean;
}

export interface CachedResult<V> {
  value: V;
  outcome: CacheOutcome;
}

export interface CacheStatsSnapshot {
  enabled: boolean;
  backend: CacheBackend;
  /** The store answering right now. */
  active: 'memory' | 'redis' | 'none';
  /** `auto` serving from memory because Redis is unreachable. */
  fallback: boolean;
  fallback_since: string | null;
  redis: { target: string; ready: boolean; last_error: string } | null;
  entries: { l1: number; memory: number };
  tiers: Record<Tier, TierSnapshot>;
  coalesced: number;
  writes: number;
  write_errors: number;
  uncacheable: number;
}

/** After this many Redis failures in a row, Redis is skipped for BREAK_MS instead of costing every request a timeout. */
const BREAK_AFTER = 3;
const BREAK_MS = 1_000;
const POLL_MS = 5;

export class TieredCache<V> {
  readonly stats = new CacheStats();
  private readonly logger = new Logger('Cache');
  private readonly l1: MemoryStore<V> | undefined;
  /** The `memory` backend's store, and `auto`'s fallback. */
  private readonly memory: MemoryStore<V> | undefined;
  private readonly redis: RedisStore | undefined;
  private readonly inflight = new Map<string, Promise<V>>();
  private failures = 0;
  private brokenUntil = 0;
  private fallbackSince: Date | null = null;

  constructor(
    private readonly options: CacheOptions,
    private readonly codec: ValueCodec<V>,
    private readonly connection?: RedisConnection,
  ) {
    const shared = options.backend !== 'memory';
    if (shared && !connection) throw new Error(`cache backend ${options.backend} needs a Redis connection`);
    this.memory = options.backend === 'redis' ? undefined : new MemoryStore(options.maxSize);
    this.l1 = shared && options.l1.enabled ? new MemoryStore(options.l1.maxSize) : undefined;
    if (shared && connection) {
      this.redis = new RedisStore(connection, options.prefix);
      this.watch(connection);
    }
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /**
   * The cached value for `id`, or `compute()`'s, stored when `cacheable` says so. Cache
   * failures never fail the call: at worst the value is computed.
   */
  async getOrCompute(id: EntryId, compute: () => Promise<V>, cacheable: (value: V) => boolean, how: LookupOptions = {}): Promise<CachedResult<V>> {
    if (!this.options.enabled) return { value: await compute(), outcome: 'off' };
    const running = this.inflight.get(id.key);
    if (running) {
      const value = await running;
      this.stats.coalesced++;
      return { value, outcome: 'coalesced' };
    }
    // Registered before the first await, so every identical call that follows joins this one.
    const work = this.lookupOrCompute(id, compute, cacheable, how.lookup ?? true, how.share ?? true);
    const shared = work.then((result) => result.value);
    shared.catch(() => {}); // waiters see the error; without waiters it is the caller's alone
    this.inflight.set(id.key, shared);
    try {
      return await work;
    } finally {
      this.inflight.delete(id.key);
    }
  }

  private async lookupOrCompute(id: EntryId, compute: () => Promise<V>, cacheable: (value: V) => boolean, lookup: boolean, share: boolean): Promise<CachedResult<V>> {
    return (lookup ? await this.lookup(id) : undefined) ?? this.computeOnce(id, compute, cacheable, share);
  }

  /** Empties the tiers: our keys on every Redis master, and every replica's in-process tiers. */
  async clear(): Promise<{ removed: number }> {
    let removed = (this.l1?.clear() ?? 0) + (this.memory?.clear() ?? 0);
    if (this.redis) {
      removed += await this.redis.clear();
      await this.redis.announceClear().catch((error: Error) => this.logger.warn(`could not tell other replicas to clear: ${error.message}`));
    }
    return { removed };
  }

  snapshot(): CacheStatsSnapshot {
    const redisUp = this.redisUsable();
    return {
      enabled: this.options.enabled,
      backend: this.options.backend,
      active: !this.options.enabled ? 'none' : this.redis && redisUp ? 'redis' : this.memory ? 'memory' : 'none',
      fallback: this.options.backend === 'auto' && !redisUp,
      fallback_since: this.fallbackSince?.toISOString() ?? null,
      redis: this.connection ? { target: this.connection.description, ready: this.connection.ready, last_error: this.connection.lastError } : null,
      entries: { l1: this.l1?.size ?? 0, memory: this.memory?.size ?? 0 },
      tiers: this.stats.snapshot(),
      coalesced: this.stats.coalesced,
      writes: this.stats.writes,
      write_errors: this.stats.writeErrors,
      uncacheable: this.stats.uncacheable,
    };
  }

  private async lookup(id: EntryId): Promise<CachedResult<V> | undefined> {
    if (this.l1) {
      const value = this.timed('l1', () => this.l1!.get(id.key));
      if (value !== undefined) return { value, outcome: 'l1' };
    }
    if (this.redisUsable()) {
      const started = performance.now();
      try {
        const sealed = await this.redis!.get(id.key);
        this.redisSucceeded();
        const value = sealed && this.open(sealed, id);
        const ended = performance.now();
        this.stats.record('redis', value === undefined ? 'miss' : 'hit', ended - started);
        recordSpan('redis GET', started, ended, { 'db.system': 'redis', 'db.operation.name': 'GET', 'cache.hit': value !== undefined });
        if (value === undefined) return undefined;
        this.l1?.set(id.key, value, this.l1Ttl());
        return { value, outcome: 'redis' };
      } catch (error) {
        this.redisFailed(error as Error);
        const ended = performance.now();
        this.stats.record('redis', 'error', ended - started);
        recordSpan('redis GET', started, ended, { 'db.system': 'redis', 'db.operation.name': 'GET' }, (error as Error).message);
      }
    }
    // `redis` backend: a Redis failure is a miss. `auto`: memory stands in for Redis.
    if (this.memory && !this.redisUsable()) {
      const value = this.timed('memory', () => this.memory!.get(id.key));
      if (value !== undefined) return { value, outcome: 'memory' };
    }
    return undefined;
  }

  private async computeOnce(id: EntryId, compute: () => Promise<V>, cacheable: (value: V) => boolean, share: boolean): Promise<CachedResult<V>> {
    const locked = share && this.options.lock.enabled && this.redisUsable() ? await this.lockOrWait(id) : { value: undefined, held: false };
    if (locked.value !== undefined) return { value: locked.value, outcome: 'coalesced' };
    try {
      const value = await compute();
      if (cacheable(value)) this.store(id, value, share);
      else this.stats.uncacheable++;
      return { value, outcome: 'miss' };
    } finally {
      if (locked.held) this.redis!.unlock(id.key).catch(() => {});
    }
  }

  /** Takes the scan lock, or waits (bounded) for the holder's result. */
  private async lockOrWait(id: EntryId): Promise<{ value: V | undefined; held: boolean }> {
    try {
      if (await this.redis!.tryLock(id.key, this.options.lock.ttlMs)) return { value: undefined, held: true };
      const until = performance.now() + this.options.lock.waitMs;
      while (performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const sealed = await this.redis!.get(id.key);
        const value = sealed && this.open(sealed, id);
        if (value !== undefined) {
          this.stats.coalesced++;
          this.l1?.set(id.key, value, this.l1Ttl());
          return { value, held: false };
        }
      }
    } catch (error) {
      this.redisFailed(error as Error);
    }
    return { value: undefined, held: false };
  }

  private store(id: EntryId, value: V, share: boolean): void {
    this.stats.writes++;
    if (this.redisUsable()) {
      this.l1?.set(id.key, value, this.l1Ttl());
      if (!share) return;
      const sealed = seal(this.codec.encode(value), id.secret);
      const started = performance.now();
      this.redis!.set(id.key, sealed, this.options.ttlMs).then(
        () => {
          this.redisSucceeded();
          recordSpan('redis SET', started, performance.now(), { 'db.system': 'redis', 'db.operation.name': 'SET' });
        },
        (error: Error) => {
          this.stats.writeErrors++;
          this.redisFailed(error);
        },
      );
    } else if (this.memory) this.memory.set(id.key, value, this.options.ttlMs);
    else this.l1?.set(id.key, value, this.l1Ttl());
  }

  private open(sealed: Buffer, id: EntryId): V | undefined {
    const plain = unseal(sealed, id.secret);
    if (!plain) return undefined;
    try {
      return this.codec.decode(plain);
    } catch {
      return undefined;
    }
  }

  private timed<T>(tier: Tier, read: () => T | undefined): T | undefined {
    const started = performance.now();
    const value = read();
    this.stats.record(tier, value === undefined ? 'miss' : 'hit', performance.now() - started);
    return value;
  }

  private l1Ttl(): number {
    return Math.min(this.options.l1.ttlMs, this.options.ttlMs);
  }

  private redisUsable(): boolean {
    return !!this.redis && this.redis.ready && performance.now() >= this.brokenUntil;
  }

  private redisSucceeded(): void {
    this.failures = 0;
  }

  private redisFailed(error: Error): void {
    if (++this.failures >= BREAK_AFTER) {
      this.brokenUntil = performance.now() + BREAK_MS;
      this.failures = 0;
      this.logger.warn(`Redis failing (${error.message}); skipping it for ${BREAK_MS} ms`);
    }
  }

  private watch(connection: RedisConnection): void {
    const fallbackNote = this.options.backend === 'auto' ? 'serving from memory until it is back' : 'every lookup is a miss until it is back';
    if (connection.ready) this.subscribe(connection);
    else this.fallbackSince = new Date();
    connection.on('down', (reason) => {
      this.fallbackSince = new Date();
      this.logger.warn(`Redis (${connection.description}) unreachable: ${reason}; ${fallbackNote}`);
    });
    connection.on('up', () => {
      this.fallbackSince = null;
      this.brokenUntil = 0;
      this.logger.log(`Redis (${connection.description}) ready: cache shared through Redis`);
      this.subscribe(connection);
    });
  }

  private subscribed = false;

  private subscribe(connection: RedisConnection): void {
    if (this.subscribed) return;
    this.subscribed = true;
    const subscriber = connection.subscriber();
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.redis!.channel || message !== 'clear') return;
      this.l1?.clear();
      this.memory?.clear();
    });
    // ioredis re-subscribes by itself after a reconnect.
    subscriber.subscribe(this.redis!.channel).catch((error: Error) => {
      this.subscribed = false;
      this.logger.warn(`cannot subscribe to cache events: ${error.message}`);
    });
  }
}
