// Concurrency slots shared by every replica: one sorted set per model whose members are the
// slots held, scored by when their lease runs out. Leases are renewed while a request runs, so
// a replica that dies (and never releases) costs its slots for one lease at most. Each script
// touches one key, so it runs unchanged on Redis Cluster; time comes from Redis.
import type { RedisConnection } from '@ollama-guard/redis';
import { createHash } from 'node:crypto';

/** KEYS[1]: the model's set. ARGV: limit, lease (ms), slot id. Returns 1 when the slot was taken. */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS[1]: the model's set. ARGV: lease (ms), slot id. Returns 1 while the slot is still held. */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return held
`;

const sha = (script: string) => createHash('sha1').update(script).digest('hex');
const SCRIPTS = { acquire: { text: ACQUIRE, sha: sha(ACQUIRE) }, renew: { text: RENEW, sha: sha(RENEW) } };

export class RedisSlotsStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  get ready(): boolean {
    return this.redis.ready;
  }

  /** true: taken; false: all slots busy; undefined: Redis did not answer. */
  async acquire(model: string, limit: number, leaseMs: number, id: string): Promise<boolean | undefined> {
    const reply = await this.run('acquire', this.key(model), String(limit), String(leaseMs), id);
    return reply === undefined ? undefined : reply === 1;
  }

  async renew(model: string, leaseMs: number, id: string): Promise<void> {
    await this.run('renew', this.key(model), String(leaseMs), id);
  }

  async release(model: string, id: string): Promise<void> {
    const client = this.redis.client();
    await client?.zrem(this.key(model), id).catch(() => undefined);
  }

  // `{model}` is a hash tag: fine for a single key, and keeps the name readable.
  private key(model: string): string {
    return `${this.prefix}:slots:{${model}}`;
  }

  private async run(name: keyof typeof SCRIPTS, key: string, ...args: string[]): Promise<number | undefined> {
    const client = this.redis.client();
    if (!client) return undefined;
    const script = SCRIPTS[name];
    try {
      try {
        return Number(await client.evalsha(script.sha, 1, key, ...args));
      } catch (error) {
        if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
        return Number(await client.eval(script.text, 1, key, ...args));
      }
    } catch {
      return undefined;
    }
  }
}
