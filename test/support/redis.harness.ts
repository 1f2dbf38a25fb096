// Real Redis processes for tests: a standalone server, a Sentinel setup (master, replica, three
// Sentinels) and a three-master Cluster, each on free ports in a temporary directory. Sentinel
// runs as `redis-server --sentinel`, which is what Debian's redis-sentinel binary is.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface RedisProcess {
  port: number;
  dir: string;
  /** Kills the process (SIGKILL: a crash, not a shutdown). */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same files. */
  restart(): Promise<void>;
  /** A plain client for assertions (closed by `stop`). */
  client(): Redis;
  stop(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

async function waitForPing(port: number, password?: string, tlsCa?: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tls = tlsCa ? { ca: readFileSync(tlsCa) } : undefined;
    const probe = new Redis({ port, password, tls, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis on port ${port} did not answer PING within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

interface ServerOptions {
  /** `requirepass` (and `masterauth`); for a Sentinel, the Sentinel's own password. */
  password?: string;
  /** Serve TLS only, with this server certificate and key, trusted through `ca`. */
  tls?: { cert: string; key: string; ca: string };
  /** Extra lines of redis.conf. */
  conf?: string[];
  sentinel?: boolean;
  port?: number;
}

export async function startRedis(options: ServerOptions = {}): Promise<RedisProcess> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), options.sentinel ? 'og-sentinel-' : 'og-redis-'));
  const conf = join(dir, 'redis.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      'save ""',
      'appendonly no',
      'protected-mode no',
      ...(options.password ? [`requirepass ${options.password}`, ...(options.sentinel ? [] : [`masterauth ${options.password}`])] : []),
      ...(options.tls
        ? ['port 0', `tls-port ${port}`, `tls-cert-file ${options.tls.cert}`, `tls-key-file ${options.tls.key}`, `tls-ca-cert-file ${options.tls.ca}`, 'tls-auth-clients no']
        : []),
      ...(options.conf ?? []),
      '',
    ].join('\n'),
  );
  let child: ChildProcess;
  const clients: Redis[] = [];
  const launch = async () => {
    child = spawn(REDIS_SERVER, [conf, ...(options.sentinel ? ['--sentinel'] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.resume();
    await waitForPing(port, options.password, options.tls?.ca);
  };
  await launch();
  return {
    port,
    dir,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    restart: launch,
    client() {
      const tls = options.tls ? { ca: readFileSync(options.tls.ca) } : undefined;
      const client = new Redis({ port, password: options.password, tls, maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.disconnect();
      child.kill('SIGKILL');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SentinelSetup {
  master: RedisProcess;
  replica: RedisProcess;
  sentinels: RedisProcess[];
  masterName: string;
  /** `127.0.0.1:port` of each Sentinel, for REDIS_SENTINELS. */
  sentinelList: string;
  /** The port of the current master according to the Sentinels. */
  currentMasterPort(): Promise<number>;
  /** Asks the Sentinels to fail over and resolves once they report a new master. */
  failover(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startSentinelSetup(options: { password?: string; sentinelPassword?: string; masterName?: string } = {}): Promise<SentinelSetup> {
  const masterName = options.masterName ?? 'ogmaster';
  const master = await startRedis({ password: options.password });
  const replica = await startRedis({ password: options.password, conf: [`replicaof 127.0.0.1 ${master.port}`] });
  const sentinelConf = [
    `sentinel monitor ${masterName} 127.0.0.1 ${master.port} 2`,
    `sentinel down-after-milliseconds ${masterName} 1000`,
    `sentinel failover-timeout ${masterName} 3000`,
    `sentinel parallel-syncs ${masterName} 1`,
    ...(options.password ? [`sentinel auth-pass ${masterName} ${options.password}`] : []),
  ];
  // Sentinels with a password authenticate to each other with it too (sentinel-pass).
  const sentinelAuth = options.sentinelPassword ? [`sentinel sentinel-pass ${options.sentinelPassword}`] : [];
  const sentinels = await Promise.all([0, 1, 2].map(() => startRedis({ sentinel: true, password: options.sentinelPassword, conf: [...sentinelConf, ...sentinelAuth] })));
  const ask = sentinels[0].client();
  const currentMasterPort = async () => Number(((await ask.call('SENTINEL', 'get-master-addr-by-name', masterName)) as string[])[1]);
  // The replica must be in sync and known to the Sentinels before a failover can pick it.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const replicas = (await ask.call('SENTINEL', 'replicas', masterName)) as string[][];
    const ok = replicas.some((fields) => fields.includes(String(replica.port)) && fields.includes('master-link-status') && fields[fields.indexOf('master-link-status') + 1] === 'ok');
    const known = (await ask.call('SENTINEL', 'sentinels', masterName)) as unknown[];
    if (ok && known.length >= 2) break;
    if (Date.now() > deadline) throw new Error('the Sentinel setup did not settle within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    master,
    replica,
    sentinels,
    masterName,
    sentinelList: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    currentMasterPort,
    async failover(timeoutMs = 15_000) {
      const before = await currentMasterPort();
      await ask.call('SENTINEL', 'failover', masterName);
      const until = Date.now() + timeoutMs;
      for (;;) {
        const now = await currentMasterPort();
        if (now !== before) return now;
        if (Date.now() > until) throw new Error(`no failover within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await Promise.all([...sentinels, replica, master].map((p) => p.stop()));
    },
  };
}

export interface ClusterSetup {
  nodes: RedisProcess[];
  /** `127.0.0.1:port` of each node, for REDIS_CLUSTER_NODES. */
  nodeList: string;
  stop(): Promise<void>;
}

/** Three masters, no replicas, every slot assigned. */
export async function startCluster(options: { password?: string } = {}): Promise<ClusterSetup> {
  const nodes = await Promise.all(
    [0, 1, 2].map(() => startRedis({ password: options.password, conf: ['cluster-enabled yes', 'cluster-node-timeout 2000', 'cluster-config-file nodes.conf'] })),
  );
  const ranges = [
    [0, 5460],
    [5461, 10922],
    [10923, 16383],
  ];
  await Promise.all(
    nodes.map(async (node, i) => {
      const client = node.client();
      const slots = Array.from({ length: ranges[i][1] - ranges[i][0] + 1 }, (_, k) => ranges[i][0] + k);
      await client.call('CLUSTER', 'ADDSLOTS', ...slots.map(String));
    }),
  );
  const admins = nodes.map((n) => n.client());
  for (const node of nodes.slice(1)) await admins[0].call('CLUSTER', 'MEET', '127.0.0.1', String(node.port));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const infos = await Promise.all(admins.map(async (admin) => String(await admin.call('CLUSTER', 'INFO'))));
    if (infos.every((info) => info.includes('cluster_state:ok') && info.includes('cluster_known_nodes:3'))) break;
    if (Date.now() > deadline) throw new Error('the cluster did not reach cluster_state:ok within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    nodes,
    nodeList: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
