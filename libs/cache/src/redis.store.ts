// The shared tier: sealed values under `<prefix>:verdict:<schema>:<hash>` with a TTL, short scan
// locks, and a clear that walks every master. Only single-key commands, so any key may live on
// any cluster slot. Every method throws on a Redis failure; the tiered cache decides what that means.
import { randomUUID } from 'node:crypto';
import type { RedisClient, RedisConnection } from '@ollama-guard/redis';

/** Deletes the lock only if we still hold it (it may have expired and been taken by another). */
const UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisUnavailableError extends Error {}

export class RedisStore {
  readonly channel: string;
  private readonly token = randomUUID();

  constructor(
    private readonly connection: RedisConnection,
    private readonly prefix: string,
  ) {
    this.channel = `${prefix}:events`;
  }

  get ready(): boolean {
    return this.connection.ready;
  }

  async get(key: string): Promise<Buffer | undefined> {
    return (await this.client().getBuffer(this.valueKey(key))) ?? undefined;
  }

  async set(key: string, value: Buffer, ttlMs: number): Promise<void> {
    await this.client().set(this.valueKey(key), value, 'PX', ttlMs);
  }

  async tryLock(key: string, ttlMs: number): Promise<boolean> {
    return (await this.client().set(this.lockKey(key), this.token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async unlock(key: string): Promise<void> {
    await this.client().eval(UNLOCK, 1, this.lockKey(key), this.token);
  }

  /** Tells every replica to drop its in-process tiers. */
  async announceClear(): Promise<void> {
    await this.client().publish(this.channel, 'clear');
  }

  /** Removes every key under our prefix on every master, in batches; returns how many. */
  async clear(batch = 500): Promise<number> {
    const masters = this.connection.masters();
    if (masters.length === 0) throw new RedisUnavailableError(`Redis (${this.connection.description}) is not reachable`);
    let removed = 0;
    for (const node of masters) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', batch);
        cursor = next;
        if (keys.length === 0) continue;
        if (this.connection.isCluster) {
          // Keys of one node may sit in different slots: a multi-key UNLINK would be CROSSSLOT.
          const pipeline = node.pipeline();
          for (const key of keys) pipeline.unlink(key);
          const results = (await pipeline.exec()) ?? [];
          removed += results.reduce((sum, [error, n]) => sum + (error ? 0 : Number(n)), 0);
        } else removed += await node.unlink(...keys);
      } while (cursor !== '0');
    }
    return removed;
  }

  private client(): RedisClient {
    const client = this.connection.client();
    if (!client) throw new RedisUnavailableError(`Redis (${this.connection.description}) is not reachable`);
    return client;
  }

  private valueKey(key: string): string {
    return `${this.prefix}:verdict:${key}`;
  }

  private lockKey(key: string): string {
    return `${this.prefix}:lock:${key}`;
  }
}
