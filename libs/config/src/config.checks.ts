// Rules that span several keys. Each returns its problems, naming the key an operator must fix.
import { accessChecks } from './access.checks.js';
import type { AppConfig } from './config.schema.js';

type Check = (config: AppConfig) => string[];

const HOST_PORT = /^(\[[0-9a-f:.]+\]|[^:\s]+):(\d{1,5})$/i;

function hostPorts(key: string, items: readonly string[]): string[] {
  return items.filter((item) => !HOST_PORT.test(item)).map((item) => `${key}: expected host:port, got "${item}"`);
}

const redisTopology: Check = ({ redis, cache, rate_limit, queue }) => {
  const problems = [...hostPorts('redis.sentinels (REDIS_SENTINELS)', redis.sentinels), ...hostPorts('redis.cluster_nodes (REDIS_CLUSTER_NODES)', redis.cluster_nodes)];
  if (redis.url) {
    try {
      const url = new URL(redis.url);
      if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') problems.push(`redis.url (REDIS_URL): expected a redis:// or rediss:// URL, got ${url.protocol}`);
    } catch {
      problems.push('redis.url (REDIS_URL): not a valid URL (expected redis://[user:password@]host:port/db)');
    }
  }
  const usesRedis = (cache.enabled && cache.backend !== 'memory') || rate_limit.backend !== 'memory' || queue.backend === 'redis';
  if (!usesRedis) return problems;
  if (redis.mode === 'sentinel' && redis.sentinels.length === 0) problems.push('redis.sentinels (REDIS_SENTINELS): required when redis.mode is sentinel');
  if (redis.mode === 'cluster' && redis.cluster_nodes.length === 0) problems.push('redis.cluster_nodes (REDIS_CLUSTER_NODES): required when redis.mode is cluster');
  return problems;
};

export const configChecks: readonly Check[] = [redisTopology, ...accessChecks];
