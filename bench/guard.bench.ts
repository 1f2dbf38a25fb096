// The guard's costs, measured side by side in one run: each scanner and the whole default input
// policy in process (100, 1,000, 10,000 characters), scans per second over real gRPC, a guarded
// request against the unguarded gateway (with the CPU each process spends per request, and a
// no-op guard service that isolates the gRPC hop), and streaming time to first token per mode.
import { credentials, Metadata } from '@grpc/grpc-js';
import { loadConfig } from '@ollama-guard/config';
import { GuardServiceClient, type ScanPromptRequest } from '@ollama-guard/contracts';
import { buildPolicies } from '@ollama-guard/policy';
import { Vault } from '@ollama-guard/scanners';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultModelDirs, InferencePool, OnnxScannerFactory } from '../apps/guard-inference/src/ml/index.js';
import { cpuMs, freePort, startFakeUpstream, startGatewayProcess, startProcess, type Server } from './bench.processes.js';
import { closedLoop, streaming } from './load.generator.js';

const SENTENCES = [
  'The weather in the mountains changes quickly, so pack a warm jacket and plenty of water.',
  'Our quarterly report shows steady growth in the northern region and lower shipping costs.',
  'Could you summarise the main arguments of the article and suggest three follow-up questions?',
  'The recipe needs two cups of flour, a pinch of salt, and an hour for the dough to rise.',
  'Please review the attached pull request and point out anything that could break the build.',
];

export function benignText(chars: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return text.slice(0, chars);
}

const f3 = (n: number) => n.toFixed(3);
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * q) / 100))];

/** p50 and p99 of `fn` over `runs` sequential calls, after a warm-up. */
async function time(fn: () => unknown, runs: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(50, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: p(samples, 50), p99: p(samples, 99) };
}

async function scannerTable(): Promise<string> {
  const pool = await InferencePool.start(defaultModelDirs('models'), { workers: 1, threads: 1, maxBatch: 32, batchWaitMs: 0 });
  try {
    const policy = buildPolicies(loadConfig({ env: {} }).policies, { ml: new OnnxScannerFactory(() => pool) }).get('default')!;
    const sizes = [100, 1_000, 10_000];
    const rows: string[] = [];
    const names = policy.scannerNames('input');
    const bound = (policy as unknown as { rules: { input: Array<{ scanner: { scan: Function; name: string } }> }; ml: { input: Array<{ scanner: { scan: Function; name: string } }> } });
    const scanners = [...bound.rules.input, ...bound.ml.input].map((b) => b.scanner);
    for (const scanner of scanners) {
      const cells = [];
      for (const size of sizes) {
        const text = benignText(size);
        const t = await time(() => scanner.scan(text, { direction: 'input', vault: new Vault() }), size >= 10_000 ? 200 : 500);
        cells.push(`${f3(t.p50)} / ${f3(t.p99)}`);
      }
      rows.push(`| ${scanner.name} | ${cells.join(' | ')} |`);
    }
    const whole = [];
    for (const size of sizes) {
      const text = benignText(size);
      const t = await time(() => policy.scan('input', [text], { vault: new Vault() }), size >= 10_000 ? 200 : 500);
      whole.push(`**${f3(t.p50)}** / ${f3(t.p99)}`);
    }
    rows.push(`| **whole default input policy** (${names.length} scanners) | ${whole.join(' | ')} |`);
    return ['| scanner (in process, p50 / p99 ms) | 100 chars | 1,000 chars | 10,000 chars |', '|---|---|---|---|', ...rows].join('\n');
  } finally {
    await pool.close();
  }
}

async function grpcThroughput(target: string): Promise<string> {
  const client = new GuardServiceClient(target, credentials.createInsecure());
  const text = distinctTexts();
  // A different text every call, so no cached verdict can answer it.
  const request = (): ScanPromptRequest => ({ policy: 'default', segments: [{ role: 'user', text: text() }], requestId: 'bench', skipCacheLookup: false });
  const call = () => new Promise<void>((resolve, reject) => client.scanPrompt(request(), new Metadata(), (error) => (error ? reject(error) : resolve())));
  const rows = [];
  for (const concurrency of [1, 32]) {
    for (let i = 0; i < 100; i++) await call();
    let done = 0;
    const end = Date.now() + 4_000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          await call();
          done++;
        }
      }),
    );
    rows.push(`| ${concurrency} | ${(done / ((performance.now() - started) / 1000)).toFixed(0)} |`);
  }
  client.close();
  return ['| concurrent ScanPrompt calls (1,000 chars, gRPC) | scans/s |', '|---|---|', ...rows].join('\n');
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/**
 * 1,000-character benign texts, each one different (no verdict can be reused): a number at the
 * end, since the fake upstream quotes the prompt's first words in its answer and the answer is
 * scanned too.
 */
export function distinctTexts(): () => string {
  const prompt = benignText(1_000);
  let n = 0;
  return () => {
    const suffix = ` #${n++}`;
    return `${prompt.slice(0, 1_000 - suffix.length)}${suffix}`;
  };
}

/** Non-streamed chats with a distinct 1,000-character prompt each. */
function distinctChats(): () => string {
  const text = distinctTexts();
  return () => JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: text() }], stream: false });
}

type E2eTarget = 'unguarded' | 'noop' | 'noopBoth' | 'input' | 'guarded';
const E2E_LABELS: Record<E2eTarget, string> = {
  unguarded: 'unguarded (ENABLE_*_GUARD=false)',
  noop: 'input guard, no-op guard service (one gRPC hop, nothing scanned)',
  noopBoth: 'input and output guard, no-op guard service (two gRPC hops, nothing scanned)',
  input: 'input guard only (default policy)',
  guarded: 'guarded (input and output, default policy)',
};
const CPU_PARTS = ['load generator', 'gateway', 'guard', 'upstream'] as const;

export async function guardBench(): Promise<string> {
  const servers: Server[] = [];
  const add = async (s: Promise<Server>) => {
    const server = await s;
    servers.push(server);
    return server;
  };
  try {
    const scanners = await scannerTable();
    // Uncached scans only: the verdict cache has its own section.
    const noCache = { CACHE_ENABLED: 'false' };
    const guardPort = await freePort();
    const guard = await startProcess(['dist/apps/guard-inference/src/main.js'], { ...noCache, GUARD_PORT: String(guardPort), GUARD_HOST: '127.0.0.1', INFERENCE_ADMIN_PORT: '0', LOG_LEVEL: 'info' }, guardPort, 'grpc');
    servers.push(guard);
    const target = `dns:///127.0.0.1:${guardPort}`;
    const grpc = await grpcThroughput(target);
    const noopPort = await freePort();
    const noop = await add(startProcess(['--import', './scripts/register-swc.mjs', 'bench/noop-guard.server.ts', '--port', String(noopPort)], {}, noopPort, 'grpc'));

    const fast = await add(startFakeUpstream(0));
    const ticking = await add(startFakeUpstream(5));
    const noGuard = { ENABLE_INPUT_GUARD: 'false', ENABLE_OUTPUT_GUARD: 'false' };
    const guarded = { ...noCache, GUARD_URL: target };
    const gateways = {
      unguarded: { fast: await add(startGatewayProcess(fast.url, noGuard)), ticking: await add(startGatewayProcess(ticking.url, noGuard)) },
      noop: { fast: await add(startGatewayProcess(fast.url, { ...noCache, GUARD_URL: `dns:///127.0.0.1:${noopPort}`, ENABLE_OUTPUT_GUARD: 'false' })) },
      noopBoth: { fast: await add(startGatewayProcess(fast.url, { ...noCache, GUARD_URL: `dns:///127.0.0.1:${noopPort}` })) },
      input: { fast: await add(startGatewayProcess(fast.url, { ...guarded, ENABLE_OUTPUT_GUARD: 'false' })) },
      guarded: { fast: await add(startGatewayProcess(fast.url, guarded)), ticking: await add(startGatewayProcess(ticking.url, guarded)) },
      audit: { ticking: await add(startGatewayProcess(ticking.url, { ...guarded, GUARD_STREAM_MODE: 'audit' })) },
    };
    const names: E2eTarget[] = ['unguarded', 'noop', 'noopBoth', 'input', 'guarded'];
    const chat = distinctChats();
    const streamChat = JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: benignText(1_000) }], stream: true });
    for (const name of names) await closedLoop(gateways[name].fast.url, '/api/chat', chat, 8, 1_000);

    /** CPU time of each process per request (ms) over one closed-loop run. */
    const measured = async (name: E2eTarget) => {
      const pids = { gateway: gateways[name].fast.pid, guard: name.startsWith('noop') ? noop.pid : name === 'unguarded' ? undefined : guard.pid, upstream: fast.pid };
      const read = () => ({ self: process.cpuUsage(), ...Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid === undefined ? 0 : (cpuMs(pid) ?? NaN)])) }) as { self: NodeJS.CpuUsage } & Record<string, number>;
      const before = read();
      const result = await closedLoop(gateways[name].fast.url, '/api/chat', chat, 32, SECONDS * 1000);
      const after = read();
      const self = process.cpuUsage(before.self);
      const per = (ms: number) => ms / result.requests;
      const cpu = {
        'load generator': per((self.user + self.system) / 1000),
        gateway: per(after.gateway! - before.gateway!),
        guard: per(after.guard! - before.guard!),
        upstream: per(after.upstream! - before.upstream!),
      };
      return { rps: result.rps, errors: result.errors, cpu };
    };

    const c1 = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<E2eTarget, number[]>;
    const c32 = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<E2eTarget, number[]>;
    const cpu = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<E2eTarget, Array<Record<(typeof CPU_PARTS)[number], number>>>;
    let errors = 0;
    const ttft: Record<string, number[]> = { unguarded: [], buffered: [], audit: [] };
    const total: Record<string, number[]> = { unguarded: [], buffered: [], audit: [] };
    const load = [loadavg()[0]!];
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) c1[name].push((await closedLoop(gateways[name].fast.url, '/api/chat', chat, 1, SECONDS * 1000)).p50Ms);
      for (const name of names) {
        const m = await measured(name);
        c32[name].push(m.rps);
        cpu[name].push(m.cpu);
        errors += m.errors;
      }
      for (const [name, server] of [['unguarded', gateways.unguarded.ticking], ['buffered', gateways.guarded.ticking], ['audit', gateways.audit.ticking]] as const) {
        const s = await streaming(server.url, '/api/chat', streamChat, 30);
        ttft[name].push(s.firstChunkP50Ms);
        total[name].push(s.totalP50Ms);
      }
      load.push(loadavg()[0]!);
      console.error(`guard round ${round + 1}/${ROUNDS} done`);
    }
    const added = median(c1.input) - median(c1.unguarded);
    const addedBoth = median(c1.guarded) - median(c1.unguarded);
    const ratio = median(c32.guarded) / median(c32.unguarded);
    const cpuOf = (name: E2eTarget) => Object.fromEntries(CPU_PARTS.map((part) => [part, median(cpu[name].map((c) => c[part]))])) as Record<(typeof CPU_PARTS)[number], number>;
    const cpuSum = (name: E2eTarget) => CPU_PARTS.reduce((sum, part) => sum + cpuOf(name)[part], 0);
    const e2e = [
      `${ROUNDS} interleaved rounds of ${SECONDS} s per cell, medians of the rounds; every request carries a different prompt and the verdict cache is off (CACHE_ENABLED=false), so every request is scanned. 1-minute load average during the run: ${load.map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores.`,
      '',
      `| gateway (1,000-char prompt, non-streamed chat) | p50 c=1 (ms) | req/s c=32 | vs unguarded c=32 | CPU ms per request at c=32: ${CPU_PARTS.join(' | ')} | total |`,
      '|---|---|---|---|---|---|---|---|---|',
      ...names.map((name) => {
        const c = cpuOf(name);
        return `| ${E2E_LABELS[name]} | ${f3(median(c1[name]))} | ${median(c32[name]).toFixed(0)} | ${pct(median(c32[name]) / median(c32.unguarded))} | ${CPU_PARTS.map((part) => f3(c[part])).join(' | ')} | ${f3(cpuSum(name))} |`;
      }),
      '',
      `- The default input policy on a 1,000-character prompt adds **${f3(added)} ms** p50 through the gateway at one connection (gRPC call, 4 rule scanners, 3 ONNX models; target ≤ 5 ms): ${added <= 5 ? 'met' : 'NOT met'}. Guarding the answer too (a second scan) adds ${f3(addedBoth)} ms in all; the gRPC hop to a guard that scans nothing adds ${f3(median(c1.noop) - median(c1.unguarded))} ms.`,
      `- Guarded throughput at 32 connections (input and output): **${pct(ratio)}** of unguarded (target ≥ 40%): ${ratio >= 0.4 ? 'met' : 'NOT met'}; input guard only: ${pct(median(c32.input) / median(c32.unguarded))}; with a guard service that scans nothing: ${pct(median(c32.noop) / median(c32.unguarded))} (input only), ${pct(median(c32.noopBoth) / median(c32.unguarded))} (input and output).`,
      `- CPU per request, all processes together: ${f3(cpuSum('unguarded'))} ms unguarded, ${f3(cpuSum('guarded'))} ms guarded (${(cpuSum('guarded') / cpuSum('unguarded')).toFixed(1)}×), so on a machine where these processes saturate the cores guarded throughput is bounded by about ${pct(cpuSum('unguarded') / cpuSum('guarded'))} of unguarded.${errors > 0 ? ` ${errors} requests failed.` : ''}`,
    ].join('\n');
    const stream = [
      '| streamed chat (20 tokens, 5 ms apart) | first chunk p50 (ms) | total p50 (ms) |',
      '|---|---|---|',
      ...(['unguarded', 'buffered', 'audit'] as const).map((name) => `| ${name} | ${f3(median(ttft[name]))} | ${f3(median(total[name]))} |`),
      '',
      `- Time to first token, over unguarded: audit mode adds ${f3(median(ttft.audit) - median(ttft.unguarded))} ms, which is the prompt's scan (audit releases the answer at once); buffered mode (the default) adds ${f3(median(ttft.buffered) - median(ttft.unguarded))} ms: the prompt's scan, plus gathering the first window (16 characters, about 3 tokens of the fake's 5 ms each) and scanning it before anything is released.`,
    ].join('\n');
    return [scanners, '', grpc, '', e2e, '', stream].join('\n');
  } finally {
    for (const server of servers) server.stop();
  }
}
