// The verdict cache through the gateway: the latency of a hit from memory, from Redis alone and
// from the two-tier setup (in-process first tier over Redis), against the unguarded gateway; and
// guarded throughput with a 90% hit rate against a cold cache. Every target runs in its own
// process on one real redis-server and one guard-inference, rounds interleaved.
import { startRedis } from '../test/support/redis.harness.js';
import { freePort, startFakeUpstream, startGatewayProcess, startProcess, type Server } from './bench.processes.js';
import { closedLoop } from './load.generator.js';
import { benignText } from './guard.bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const f3 = (n: number) => n.toFixed(3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

const chat = (content: string) => JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content }], stream: false });

export async function cacheBench(): Promise<string> {
  const redis = await startRedis();
  const servers: Server[] = [];
  const add = async (s: Promise<Server>) => {
    const server = await s;
    servers.push(server);
    return server;
  };
  try {
    const shared = { CACHE_BACKEND: 'redis', REDIS_PORT: String(redis.port) };
    const guardPort = await freePort();
    await add(startProcess(['dist/apps/guard-inference/src/main.js'], { ...shared, GUARD_PORT: String(guardPort), GUARD_HOST: '127.0.0.1', INFERENCE_ADMIN_PORT: '0', LOG_LEVEL: 'info' }, guardPort, 'grpc'));
    const guard = { GUARD_URL: `dns:///127.0.0.1:${guardPort}` };
    const fast = await add(startFakeUpstream(0));
    const targets = {
      unguarded: (await add(startGatewayProcess(fast.url, { ENABLE_INPUT_GUARD: 'false', ENABLE_OUTPUT_GUARD: 'false' }))).url,
      memory: (await add(startGatewayProcess(fast.url, { ...guard, CACHE_BACKEND: 'memory' }))).url,
      redis: (await add(startGatewayProcess(fast.url, { ...guard, ...shared, CACHE_L1_ENABLED: 'false' }))).url,
      'two-tier': (await add(startGatewayProcess(fast.url, { ...guard, ...shared, CACHE_L1_ENABLED: 'true' }))).url,
    };
    const hot = chat(benignText(1_000));
    const hitNames = ['unguarded', 'memory', 'redis', 'two-tier'] as const;
    for (const name of hitNames) await closedLoop(targets[name], '/api/chat', hot, 4, 1_000); // warm: the verdicts are cached now

    // 90% of requests repeat one of 50 hot prompts, 10% are new; the cold run is all new.
    let unique = 0;
    const fresh = () => chat(`${benignText(1_000)} #${process.pid}-${unique++}`);
    const pool = Array.from({ length: 50 }, (_, i) => chat(`${benignText(1_000)} hot ${i}`));
    let n = 0;
    const mixed = () => (n++ % 10 === 9 ? fresh() : pool[n % pool.length]);
    for (const body of pool) await closedLoop(targets['two-tier'], '/api/chat', body, 1, 50);

    const p50: Record<string, number[]> = {};
    const rps: Record<string, number[]> = { hot90: [], cold: [], unguarded: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of hitNames) (p50[name] ??= []).push((await closedLoop(targets[name], '/api/chat', hot, 1, SECONDS * 1000)).p50Ms);
      rps.unguarded.push((await closedLoop(targets.unguarded, '/api/chat', fresh, 32, SECONDS * 1000)).rps);
      rps.hot90.push((await closedLoop(targets['two-tier'], '/api/chat', mixed, 32, SECONDS * 1000)).rps);
      rps.cold.push((await closedLoop(targets['two-tier'], '/api/chat', fresh, 32, SECONDS * 1000)).rps);
      console.error(`cache round ${round + 1}/${ROUNDS} done`);
    }
    const m = Object.fromEntries(Object.entries(p50).map(([k, v]) => [k, median(v)]));
    const r = Object.fromEntries(Object.entries(rps).map(([k, v]) => [k, median(v)]));
    const redisOverMemory = m.redis - m.memory;
    return [
      '| gateway, guarded chat (1,000-char prompt, input and output scanned), every verdict cached | p50 c=1 (ms) | over unguarded (ms) |',
      '|---|---|---|',
      `| unguarded (ENABLE_*_GUARD=false) | ${f3(m.unguarded)} | |`,
      ...(['memory', 'redis', 'two-tier'] as const).map((name) => `| ${name === 'redis' ? 'Redis only (CACHE_L1_ENABLED=false)' : name === 'memory' ? 'memory (CACHE_BACKEND=memory)' : 'two-tier (in-process first tier over Redis)'} | ${f3(m[name])} | ${f3(m[name] - m.unguarded)} |`),
      '',
      `- A Redis hit adds **${f3(redisOverMemory)} ms** p50 over a memory hit on loopback (target ≤ 0.3 ms): ${redisOverMemory <= 0.3 ? 'met' : 'NOT met'}. Each guarded request looks up two verdicts (prompt and answer), so that is two Redis round trips.`,
      '',
      '| guarded chat at 32 connections (two-tier cache) | req/s | vs unguarded |',
      '|---|---|---|',
      `| unguarded | ${r.unguarded.toFixed(0)} | 100% |`,
      `| 90% of prompts seen before | ${r.hot90.toFixed(0)} | ${((r.hot90 / r.unguarded) * 100).toFixed(0)}% |`,
      `| cold cache (every prompt new) | ${r.cold.toFixed(0)} | ${((r.cold / r.unguarded) * 100).toFixed(0)}% |`,
      '',
      `- With a 90% hit rate the guarded gateway serves **${(r.hot90 / r.cold).toFixed(1)}×** the requests of a cold cache.`,
    ].join('\n');
  } finally {
    for (const server of servers) server.stop();
    await redis.stop();
  }
}
