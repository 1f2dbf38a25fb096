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

/** An admin port on the API port would fail at start with a bare EADDRINUSE; say which keys clash. */
const distinctPorts: Check = ({ gateway, inference }) => [
  ...(gateway.admin_port !== 0 && gateway.admin_port === gateway.port ? [`gateway.admin_port (GATEWAY_ADMIN_PORT): ${gateway.admin_port} is also gateway.port (GATEWAY_PORT)`] : []),
  ...(inference.admin_port !== 0 && inference.admin_port === inference.port ? [`inference.admin_port (INFERENCE_ADMIN_PORT): ${inference.admin_port} is also inference.port (GUARD_PORT)`] : []),
];

export const configChecks: readonly Check[] = [redisTopology, distinctPorts, ...accessChecks];
