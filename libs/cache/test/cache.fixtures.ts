// Shared helpers for the cache tests: verdicts, options and Redis connections from env-style config.
import { loadConfig } from '@ollama-guard/config';
import { Action, type Verdict } from '@ollama-guard/contracts';
import { RedisConnection } from '@ollama-guard/redis';
import { cacheOptionsFrom, VERDICT_CODEC, VerdictCache, type CacheOptions } from '../src/index.js';

export function verdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    allowed: true,
    sanitized: ['hello'],
    modified: false,
    results: [{ name: 'secrets', passed: true, score: 0, action: Action.ACTION_BLOCK, reason: '', durationMs: 0.1, error: false }],
    policy: 'default',
    fingerprint: 'fp-1',
    vault: [],
    durationMs: 1.5,
    cached: false,
    ...overrides,
  };
}

export function options(env: Record<string, string> = {}, overrides: Partial<CacheOptions> = {}): CacheOptions {
  return { ...cacheOptionsFrom(loadConfig({ env })), ...overrides };
}

const open: Array<{ close(): Promise<void> }> = [];

export function connect(env: Record<string, string>, name = 'test'): RedisConnection {
  const connection = new RedisConnection(loadConfig({ env: { CACHE_BACKEND: 'redis', ...env } }).redis, name);
  open.push(connection);
  return connection;
}

export function cacheOn(env: Record<string, string>, overrides: Partial<CacheOptions> = {}): { cache: VerdictCache; connection: RedisConnection } {
  const connection = connect(env);
  return { cache: new VerdictCache(options({ CACHE_BACKEND: 'redis', ...env }, overrides), VERDICT_CODEC, connection), connection };
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

export { eventually } from '../../../test/support/eventually.js';
