import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import { AdminServer } from '@ollama-guard/admin';
import { loadConfig } from '@ollama-guard/config';
import { createGuardInference } from '../../apps/guard-inference/src/guard.app.js';
import { freePort } from './free-port.js';

export interface RunningGuard {
  app: INestMicroservice;
  port: number;
  /** The gateway's GUARD_URL for it. */
  target: string;
  /** The admin port: probes, /metrics, /config, /stats, /cache/stats. */
  adminUrl: string;
  close(): Promise<void>;
}

/** The real guard-inference (real ONNX models, real gRPC) on a free port. */
export async function startGuardInference(env: Record<string, string> = {}, port?: number): Promise<RunningGuard> {
  const listenPort = port ?? (await freePort());
  const config = loadConfig({ env: { LOG_LEVEL: 'error', GUARD_HOST: '127.0.0.1', GUARD_PORT: String(listenPort), ADMIN_HOST: '127.0.0.1', INFERENCE_ADMIN_PORT: '0', ...env } });
  const app = await createGuardInference(config);
  await app.listen();
  return { app, port: listenPort, target: `dns:///127.0.0.1:${listenPort}`, adminUrl: `http://127.0.0.1:${app.get(AdminServer).listeningPort}`, close: () => app.close() };
}
