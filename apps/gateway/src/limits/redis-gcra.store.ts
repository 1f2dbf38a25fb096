import type { RedisConnection } from '@ollama-guard/redis';
import { createHash } from 'node:crypto';
import { emissionUs, GCRA_SCRIPT, type GcraLimit, type GcraResult } from './gcra.js';

const SCRIPT_SHA = createHash('sha1').update(GCRA_SCRIPT).digest('hex');

/**
 * The shared rate-limit state: one EVALSHA per check (EVAL once after a Redis restart or
 * failover, when the script cache is empty). Undefined means Redis could not answer in time;
 * the caller decides what that means.
 */
export class RedisGcraStore {
  constructor(private readonly redis: RedisConnection) {}

  async check(key: string, limit: GcraLimit, cost: number): Promise<GcraResult | undefined> {
    const client = this.redis.client();
    if (!client) return undefined;
    const args = [String(emissionUs(limit)), String(limit.capacity), String(cost)];
    try {
      let reply: unknown;
      try {
        reply = await client.evalsha(SCRIPT_SHA, 1, key, ...args);
      } catch (error) {
        if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
        reply = await client.eval(GCRA_SCRIPT, 1, key, ...args);
      }
      const [allowed, remaining, retryAfterUs, resetUs] = (reply as number[]).map(Number);
      return { allowed: allowed === 1, remaining, retryAfterUs, resetUs };
    } catch {
      return undefined;
    }
  }
}
