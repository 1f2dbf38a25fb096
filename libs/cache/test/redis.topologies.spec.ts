// Sentinel failover and Redis Cluster against real processes.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startCluster, startSentinelSetup, type ClusterSetup, type SentinelSetup } from '../../../test/support/redis.harness.js';
import { isCacheableVerdict, promptEntry } from '../src/index.js';
import { cacheOn, closeAll, eventually, verdict } from './cache.fixtures.js';

const PASSWORD = 'sentinel-secret';
let sentinel: SentinelSetup | undefined;
let cluster: ClusterSetup | undefined;

afterAll(async () => {
  await closeAll();
  await sentinel?.stop();
  await cluster?.stop();
});

describe('Sentinel', () => {
  it('finds the master through password-protected Sentinels, keeps answering through a failover and writes to the new master within 5 seconds', async () => {
    sentinel = await startSentinelSetup({ password: PASSWORD, sentinelPassword: 'sentinels-own' });
    const { cache, connection } = cacheOn({
      REDIS_MODE: 'sentinel',
      REDIS_SENTINELS: sentinel.sentinelList,
      REDIS_SENTINEL_MASTER: sentinel.masterName,
      REDIS_PASSWORD: PASSWORD,
      REDIS_SENTINEL_PASSWORD: 'sentinels-own',
      CACHE_L1_ENABLED: 'false',
    });
    await connection.waitUntilReady(5_000);
    expect(cache.snapshot().active).toBe('redis');

    // Requests flow the whole time; none may fail, whatever Redis is doing.
    let flowing = true;
    let served = 0;
    const failures: unknown[] = [];
    const traffic = (async () => {
      for (let i = 0; flowing; i++) {
        try {
          await cache.getOrCompute(promptEntry('fp-s', [`prompt ${i % 50}`]), async () => verdict({ fingerprint: 'fp-s' }), isCacheableVerdict);
          served++;
        } catch (error) {
          failures.push(error);
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })();

    await new Promise((r) => setTimeout(r, 200));
    const newPort = await sentinel.failover();
    const switched = Date.now();
    const newMaster = new Redis({ port: newPort, password: PASSWORD });
    newMaster.on('error', () => {});
    try {
      const probe = promptEntry('fp-s', ['written after the failover']);
      await eventually(
        async () => {
          await cache.getOrCompute(probe, async () => verdict({ fingerprint: 'fp-s' }), isCacheableVerdict);
          return (await newMaster.exists(`ollama-guard:verdict:${probe.key}`)) === 1 ? true : undefined;
        },
        5_000,
        'a cache write on the new master',
      );
      expect(Date.now() - switched).toBeLessThan(5_000);
    } finally {
      flowing = false;
      await traffic;
      newMaster.disconnect();
    }
    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(50);
    expect(cache.snapshot().active).toBe('redis');
  }, 60_000);
});

describe('Cluster', () => {
  it('caches across three masters and the clear command empties every node', async () => {
    cluster = await startCluster({ password: PASSWORD });
    const { cache, connection } = cacheOn({ REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_PASSWORD: PASSWORD, CACHE_L1_ENABLED: 'false', CACHE_LOCK: 'true', REDIS_COMMAND_TIMEOUT_MS: '5000' });
    await connection.waitUntilReady(10_000);
    const ids = Array.from({ length: 300 }, (_, i) => promptEntry('fp-c', [`cluster prompt ${i}`]));
    await Promise.all(ids.map((id) => cache.getOrCompute(id, async () => verdict({ fingerprint: 'fp-c' }), isCacheableVerdict)));
    const admins = cluster.nodes.map((node) => node.client());
    // Lock keys come and go; the verdicts must all be there.
    const perNode = await eventually(async () => {
      const sizes = await Promise.all(admins.map(async (admin) => (await admin.keys('ollama-guard:verdict:*')).length));
      return sizes.reduce((a, b) => a + b, 0) === 300 ? sizes : undefined;
    }, 5_000, 'all writes');
    expect(perNode.every((n) => n > 50)).toBe(true); // spread over every master
    const hits = await Promise.all(ids.map((id) => cache.getOrCompute(id, async () => verdict(), isCacheableVerdict)));
    expect(hits.every((h) => h.outcome === 'redis')).toBe(true);

    expect((await cache.clear()).removed).toBeGreaterThanOrEqual(300); // plus any scan lock still held
    expect(await Promise.all(admins.map((admin) => admin.dbsize()))).toEqual([0, 0, 0]);
  }, 60_000);
});
