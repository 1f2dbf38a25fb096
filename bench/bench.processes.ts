// Each server under test runs in its own process, as in production, so no two share an event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Server {
  url: string;
  /** The server's process, for CPU accounting. */
  pid: number;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string, probe: 'http' | 'grpc'): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited:\n${log()}`);
    try {
      if (probe === 'http') await fetch(`${url}/api/version`);
      else if (!log().includes('gRPC listening')) throw new Error('not yet');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url}: not up after 60 s:\n${log()}`);
}

export async function startProcess(args: string[], env: Record<string, string>, port: number, probe: 'http' | 'grpc' = 'http'): Promise<Server> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log = (log + d).slice(-4000)));
  child.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, () => log, probe);
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/** CPU time (user + system, ms) a process has used so far; Linux only, undefined elsewhere. */
export function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const TS = ['--import', './scripts/register-swc.mjs'];

export async function startFakeUpstream(chunkDelayMs: number): Promise<Server> {
  const port = await freePort();
  return startProcess([...TS, 'test/fixtures/fake-ollama/main.ts', '--port', String(port), '--chunk-delay', String(chunkDelayMs), '--first-chunk-delay', '0'], {}, port);
}

export async function startGatewayProcess(upstream: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  return startProcess(['dist/apps/gateway/src/main.js'], { OLLAMA_URL: upstream, GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1', GATEWAY_ADMIN_PORT: '0', LOG_LEVEL: 'warn', ...env }, port);
}

export async function startMinimalProxy(upstream: string): Promise<Server> {
  const port = await freePort();
  return startProcess(['bench/minimal-proxy.mjs'], { UPSTREAM_URL: upstream, PORT: String(port) }, port);
}
