// A small set of Redis connections for one process: commands go round-robin over the ready
// ones (each connection pipelines), and one more connection is kept for pub/sub. The connection
// reports its state instead of throwing: callers decide what a dead Redis means for them.
import { EventEmitter } from 'node:events';
import { Cluster, Redis } from 'ioredis';
import { clusterOptions, sentinelOptions, standaloneOptions, type RedisConfig } from './redis.options.js';

export type RedisClient = Redis | Cluster;

export interface RedisConnectionEvents {
  /** At least one command connection is ready (again). */
  up: [];
  /** No command connection is ready any more. */
  down: [reason: string];
}

/** Where the configured Redis is, for logs and stats (never the password). */
export function describeRedis(config: RedisConfig): string {
  if (config.mode === 'sentinel') return `sentinel ${config.sentinel_master} via ${config.sentinels.join(',')}`;
  if (config.mode === 'cluster') return `cluster via ${config.cluster_nodes.join(',')}`;
  if (config.url) {
    const url = new URL(config.url);
    return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
  }
  return `${config.tls ? 'rediss' : 'redis'}://${config.host}:${config.port}/${config.db}`;
}

/** Turns Redis' terse auth errors into one an operator can act on. */
export function explainRedisError(error: Error, config: RedisConfig): string {
  const message = error.message;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) {
    const key = config.mode === 'sentinel' && /sentinel/i.test(message) ? 'redis.sentinel_password (REDIS_SENTINEL_PASSWORD)' : 'redis.password (REDIS_PASSWORD)';
    return `Redis (${describeRedis(config)}) refused the credentials: check ${key} and redis.username (REDIS_USERNAME): ${message}`;
  }
  return `Redis (${describeRedis(config)}): ${message}`;
}

export class RedisConnection extends EventEmitter<RedisConnectionEvents> {
  private readonly clients: RedisClient[];
  private subscriberClient: RedisClient | undefined;
  private next = 0;
  private wasUp = false;
  private closed = false;
  /** The last error seen on any connection, explained; cleared when a connection becomes ready. */
  lastError = '';

  constructor(
    readonly config: RedisConfig,
    private readonly name: string,
  ) {
    super();
    this.clients = Array.from({ length: config.max_connections }, (_, i) => this.create(`${name}-${i}`));
    for (const client of this.clients) {
      client.on('ready', () => this.refresh());
      client.on('end', () => this.refresh());
      client.on('close', () => this.refresh());
    }
  }

  get ready(): boolean {
    return this.clients.some((client) => client.status === 'ready');
  }

  get description(): string {
    return describeRedis(this.config);
  }

  get isCluster(): boolean {
    return this.config.mode === 'cluster';
  }

  /** A ready command connection, or undefined when Redis is unreachable right now. */
  client(): RedisClient | undefined {
    for (let i = 0; i < this.clients.length; i++) {
      const client = this.clients[this.next++ % this.clients.length];
      if (client.status === 'ready') return client;
    }
    return undefined;
  }

  /** A connection dedicated to pub/sub (a subscribed connection cannot run other commands). */
  subscriber(): RedisClient {
    // Subscriptions are made once and must survive a start before Redis is up: queue them.
    this.subscriberClient ??= this.create(`${this.name}-sub`, true);
    return this.subscriberClient;
  }

  /** Every master of a cluster, or the one server: where keys live, for SCAN. */
  masters(): Redis[] {
    const client = this.client();
    if (!client) return [];
    return client instanceof Cluster ? client.nodes('master') : [client];
  }

  /** Resolves when a connection is ready, or rejects after `timeoutMs`. */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    if (this.ready) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('up', onUp);
        reject(new Error(`${this.description} not ready after ${timeoutMs} ms${this.lastError ? `: ${this.lastError}` : ''}`));
      }, timeoutMs);
      const onUp = () => {
        clearTimeout(timer);
        resolve();
      };
      this.once('up', onUp);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.clients, ...(this.subscriberClient ? [this.subscriberClient] : [])];
    // QUIT waits for a reply; a connection that is reconnecting may never give one.
    await Promise.all(
      all.map(async (client) => {
        const quit = client.quit().catch(() => undefined);
        await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
        client.disconnect();
      }),
    );
  }

  private create(connectionName: string, offlineQueue = false): RedisClient {
    const { config } = this;
    let client: RedisClient;
    if (config.mode === 'cluster') {
      const { nodes, options } = clusterOptions(config, connectionName);
      client = new Cluster(nodes, { ...options, enableOfflineQueue: offlineQueue });
    } else {
      const options = config.mode === 'sentinel' ? sentinelOptions(config, connectionName) : standaloneOptions(config, connectionName);
      client = new Redis({ ...options, enableOfflineQueue: offlineQueue, ...(offlineQueue ? { commandTimeout: undefined, maxRetriesPerRequest: null } : {}) });
    }
    // Without a listener ioredis would crash the process on the first connection error.
    client.on('error', (error: Error) => {
      this.lastError = explainRedisError(error, config);
    });
    return client;
  }

  private refresh(): void {
    if (this.closed) return;
    const up = this.ready;
    if (up) this.lastError = '';
    if (up === this.wasUp) return;
    this.wasUp = up;
    if (up) this.emit('up');
    else this.emit('down', this.lastError || 'connection lost');
  }
}
