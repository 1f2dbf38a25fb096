// A closed-loop load generator: `connections` workers each send a request, read the whole
// answer, and send the next. Latency is kept in nanoseconds for sub-millisecond resolution.
import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export interface StreamResult {
  firstChunkP50Ms: number;
  firstChunkP99Ms: number;
  totalP50Ms: number;
  totalP99Ms: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
const ms = (ns: bigint) => Number(ns) / 1e6;

/** `body` may be a function, called once per request (distinct prompts, so no verdict cache can answer them). */
export async function closedLoop(url: string, path: string, body: string | (() => string), connections: number, durationMs: number): Promise<LoadResult> {
  const pool = new Pool(url, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + durationMs;
  const worker = async () => {
    while (Date.now() < end) {
      const start = process.hrtime.bigint();
      try {
        const res = await pool.request({ method: 'POST', path, body: typeof body === 'string' ? body : body(), headers: { 'content-type': 'application/json' } });
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) errors++;
        else latencies.push(ms(process.hrtime.bigint() - start));
      } catch {
        errors++;
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (Date.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/** Sequential streamed requests: time to the first body chunk and to the end of the stream. */
export async function streaming(url: string, path: string, body: string, count: number): Promise<StreamResult> {
  const pool = new Pool(url, { connections: 1 });
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const res = await pool.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json' } });
    let sawFirst = false;
    for await (const _chunk of res.body) {
      if (!sawFirst) {
        first.push(ms(process.hrtime.bigint() - start));
        sawFirst = true;
      }
    }
    total.push(ms(process.hrtime.bigint() - start));
  }
  await pool.close();
  first.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  return { firstChunkP50Ms: percentile(first, 50), firstChunkP99Ms: percentile(first, 99), totalP50Ms: percentile(total, 50), totalP99Ms: percentile(total, 99) };
}
