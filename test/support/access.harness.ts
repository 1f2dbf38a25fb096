// Helpers for the access and limits suites: a gateway listening on a chosen address (to get
// IPv6 and IPv4-mapped client addresses without remote hosts) and API key files.
import 'reflect-metadata';
import { AdminServer } from '@ollama-guard/admin';
import { loadConfig } from '@ollama-guard/config';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '../../apps/gateway/src/gateway.app.js';
import type { RunningGateway } from './gateway.harness.js';

/** Listens on `host` (`::` is dual-stack: IPv4 clients then appear as ::ffff:a.b.c.d). */
export async function startGatewayOn(host: string, env: Record<string, string>): Promise<RunningGateway & { port: number }> {
  const config = loadConfig({ env: { LOG_LEVEL: 'error', GATEWAY_HOST: host, ADMIN_HOST: '127.0.0.1', GATEWAY_ADMIN_PORT: '0', ...env } });
  const app = await createGateway(config);
  await app.listen(0, host);
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, port, url: `http://127.0.0.1:${port}`, adminUrl: `http://127.0.0.1:${app.get(AdminServer).listeningPort}`, close: () => app.close() };
}

export const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

export function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'og-access-')), name);
  writeFileSync(file, text);
  return file;
}

/** A keys file: each entry's `key` is stored only as its hash. */
export function keysFile(entries: Array<{ name: string; key: string; models?: string[]; policy?: string; rpm?: number; tpm?: number }>): string {
  const keys = entries.map(({ key, ...rest }) => ({ ...rest, sha256: sha256(key) }));
  return tempFile('keys.json', JSON.stringify({ keys }));
}
