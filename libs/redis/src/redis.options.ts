// Turns the `redis` config section into ioredis options for the three topologies. Every client
// fails fast instead of queueing: a request must never wait on a dead Redis longer than the
// command timeout, so commands issued while disconnected reject at once (callers treat that as
// a miss) and ioredis reconnects in the background.
import { readFileSync } from 'node:fs';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { AppConfig } from '@ollama-guard/config';

export type RedisConfig = AppConfig['redis'];

export interface HostPort {
  host: string;
  port: number;
}

export function parseHostPort(item: string): HostPort {
  const at = item.lastIndexOf(':');
  return { host: item.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(item.slice(at + 1)) };
}

/** Reconnect quickly at first, then every 2 s at most, forever: Redis may come back any time. */
const backoff = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 6), 2_000);

function tlsOptions(enabled: boolean, caFile: string): RedisOptions['tls'] {
  if (!enabled) return undefined;
  return caFile ? { ca: readFileSync(caFile) } : {};
}

/** Options every data-node connection shares, whatever the topology. */
function nodeOptions(config: RedisConfig, name: string): RedisOptions {
  return {
    connectionName: name,
    username: config.username || undefined,
    password: config.password || undefined,
    tls: tlsOptions(config.tls, config.tls_ca),
    connectTimeout: config.connect_timeout_ms,
    commandTimeout: config.command_timeout_ms,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: backoff,
    // A failover can leave us on a demoted master: reconnect (Sentinel finds the new one) and resend.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
  };
}

export function standaloneOptions(config: RedisConfig, name: string): RedisOptions {
  const options: RedisOptions = { ...nodeOptions(config, name), host: config.host, port: config.port, db: config.db };
  if (!config.url) return options;
  const url = new URL(config.url);
  return {
    ...options,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 6379,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : config.db,
    username: url.username ? decodeURIComponent(url.username) : options.username,
    password: url.password ? decodeURIComponent(url.password) : options.password,
    tls: url.protocol === 'rediss:' ? (tlsOptions(true, config.tls_ca) ?? {}) : options.tls,
  };
}

export function sentinelOptions(config: RedisConfig, name: string): RedisOptions {
  return {
    ...nodeOptions(config, name),
    db: config.db,
    sentinels: config.sentinels.map(parseHostPort),
    name: config.sentinel_master,
    role: 'master',
    sentinelUsername: config.sentinel_username || undefined,
    sentinelPassword: config.sentinel_password || undefined,
    enableTLSForSentinelMode: config.sentinel_tls,
    sentinelTLS: tlsOptions(config.sentinel_tls, config.tls_ca),
    sentinelRetryStrategy: backoff,
    // Subscribes to +switch-master on the Sentinels, so a failover is followed within moments.
    failoverDetector: true,
  };
}

export function clusterOptions(config: RedisConfig, name: string): { nodes: HostPort[]; options: ClusterOptions } {
  // The cluster client owns queueing and retries; the node connections only carry the rest.
  const { enableOfflineQueue: _queue, retryStrategy: _retry, ...redisOptions } = nodeOptions(config, name);
  return {
    nodes: config.cluster_nodes.map(parseHostPort),
    options: {
      redisOptions,
      enableOfflineQueue: false,
      maxRedirections: 4,
      retryDelayOnFailover: 50,
      retryDelayOnClusterDown: 100,
      clusterRetryStrategy: backoff,
      slotsRefreshTimeout: config.connect_timeout_ms,
      scaleReads: 'master',
    },
  };
}
