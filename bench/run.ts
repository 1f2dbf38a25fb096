// `npm run bench`: direct-to-upstream, a minimal Node proxy and the gateway, measured side by
// side in one run and interleaved round by round, so the shared machine's noise hits all alike.
// Results go to stdout and to docs/benchmarks.md.
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { startFakeUpstream, startGatewayProcess, startMinimalProxy, type Server } from './bench.processes.js';
import { closedLoop, streaming, type LoadResult, type StreamResult } from './load.generator.js';
import { guardBench } from './guard.bench.js';
import { cacheBench } from './cache.bench.js';

// The pass-through section measures the proxy layer alone; the guard has its own section.
const NO_GUARD = { ENABLE_INPUT_GUARD: 'false', ENABLE_OUTPUT_GUARD: 'false' };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CHAT = JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }], stream: false });
const CHAT_STREAM = JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }], stream: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const f3 = (n: number) => n.toFixed(3);
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;

type Target = 'direct' | 'minimal proxy' | 'gateway';

async function main() {
  if (process.env.BENCH_ONLY === 'cache') {
    const cache = await cacheBench();
    console.log(cache);
    writeSection('cache', cache);
    return;
  }
  if (process.env.BENCH_ONLY === 'guard') {
    const guard = await guardBench();
    console.log(guard);
    writeSection('guard', guard);
    return;
  }
  const fast = await startFakeUpstream(0);
  const ticking = await startFakeUpstream(5);
  const servers: Server[] = [fast, ticking];
  try {
    const targets: Record<Target, { fast: string; ticking: string }> = {
      direct: { fast: fast.url, ticking: ticking.url },
      'minimal proxy': { fast: (await add(servers, startMinimalProxy(fast.url))).url, ticking: (await add(servers, startMinimalProxy(ticking.url))).url },
      gateway: { fast: (await add(servers, startGatewayProcess(fast.url, NO_GUARD))).url, ticking: (await add(servers, startGatewayProcess(ticking.url, NO_GUARD))).url },
    };
    const names = Object.keys(targets) as Target[];
    // Warm-up: JIT, connection pools.
    for (const name of names) await closedLoop(targets[name].fast, '/api/chat', CHAT, 8, 1_000);

    const c1: Record<string, LoadResult[]> = {};
    const c32: Record<string, LoadResult[]> = {};
    const streams: Record<string, StreamResult[]> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of names) (c1[name] ??= []).push(await closedLoop(targets[name].fast, '/api/chat', CHAT, 1, SECONDS * 1000));
      for (const name of names) (c32[name] ??= []).push(await closedLoop(targets[name].fast, '/api/chat', CHAT, 32, SECONDS * 1000));
      for (const name of names) (streams[name] ??= []).push(await streaming(targets[name].ticking, '/api/chat', CHAT_STREAM, 40));
      console.error(`round ${round}/${ROUNDS} done`);
    }
    const summary = names.map((name) => ({
      name,
      p50: median(c1[name].map((r) => r.p50Ms)),
      p99: median(c1[name].map((r) => r.p99Ms)),
      rps1: median(c1[name].map((r) => r.rps)),
      p50c32: median(c32[name].map((r) => r.p50Ms)),
      p99c32: median(c32[name].map((r) => r.p99Ms)),
      rps32: median(c32[name].map((r) => r.rps)),
      errors: [...c1[name], ...c32[name]].reduce((sum, r) => sum + r.errors, 0),
      ttft: median(streams[name].map((r) => r.firstChunkP50Ms)),
      ttft99: median(streams[name].map((r) => r.firstChunkP99Ms)),
      total: median(streams[name].map((r) => r.totalP50Ms)),
    }));
    const [direct, minimal, gateway] = summary;
    const rows = summary.map(
      (s) =>
        `| ${s.name} | ${f3(s.p50)} | ${f3(s.p99)} | ${s.rps1.toFixed(0)} | ${f3(s.p50c32)} | ${f3(s.p99c32)} | ${s.rps32.toFixed(0)} | ${pct(s.rps32 / direct.rps32)} | ${pct(s.rps32 / minimal.rps32)} | ${f3(s.ttft)} | ${f3(s.ttft99)} | ${f3(s.total)} | ${s.errors} |`,
    );
    const addedP50 = gateway.p50 - direct.p50;
    const throughputVsMinimal = gateway.rps32 / minimal.rps32;
    const table = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${ROUNDS} interleaved rounds of ${SECONDS} s per cell, medians of the rounds. Upstream: the fake Ollama (\`test/fixtures/fake-ollama\`), answering at once for non-streamed chat and every 5 ms per token for streamed chat (first token at once, about 20 tokens). All latencies in milliseconds.`,
      '',
      '| target | p50 c=1 | p99 c=1 | req/s c=1 | p50 c=32 | p99 c=32 | req/s c=32 | vs direct c=32 | vs minimal proxy c=32 | stream first chunk p50 | first chunk p99 | stream total p50 | errors |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `- Added p50 latency over direct at one connection: **${f3(addedP50)} ms** (target ≤ 0.5 ms): ${addedP50 <= 0.5 ? 'met' : 'NOT met'}.`,
      `- Added p50 over the minimal proxy at one connection: ${f3(gateway.p50 - minimal.p50)} ms.`,
      `- Throughput at 32 connections: **${pct(throughputVsMinimal)} of the minimal proxy** (target ≥ 80%): ${throughputVsMinimal >= 0.8 ? 'met' : 'NOT met'}; the minimal proxy itself reaches ${pct(minimal.rps32 / direct.rps32)} of direct.`,
      `- Streaming: time to first chunk adds ${f3(gateway.ttft - direct.ttft)} ms over direct (p50).`,
    ].join('\n');
    console.log(table);
    writeSection('gateway-passthrough', table);
  } finally {
    for (const server of servers) server.stop();
  }
  if (process.env.BENCH_ONLY !== 'passthrough') {
    const guard = await guardBench();
    console.log(guard);
    writeSection('guard', guard);
    const cache = await cacheBench();
    console.log(cache);
    writeSection('cache', cache);
  }
}

async function add(servers: Server[], starting: Promise<Server>): Promise<Server> {
  const server = await starting;
  servers.push(server);
  return server;
}

/** Replaces one generated section of docs/benchmarks.md, leaving the others (later issues add theirs). */
function writeSection(name: string, body: string): void {
  const file = 'docs/benchmarks.md';
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < 0) throw new Error(`${file}: markers ${begin} … ${end} are missing`);
  writeFileSync(file, `${text.slice(0, start + begin.length)}\n${body}\n${text.slice(stop)}`);
  console.error(`wrote ${file}`);
}

await main();
