import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { AppLifecycle } from '@ollama-guard/health';
import type { Server } from 'node:http';

/**
 * Graceful shutdown: requests and streams already under way finish (up to the configured
 * timeout) before connections are closed. Counting at the Node server level sees hijacked
 * streaming responses too, which Fastify's own hooks do not.
 */
@Injectable()
export class DrainService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private inflight = 0;
  private idle: (() => void) | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly lifecycle: AppLifecycle,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server: Server = this.adapterHost.httpAdapter.getHttpServer();
    server.on('request', (_req, res) => {
      this.inflight++;
      res.once('close', () => {
        if (--this.inflight === 0) this.idle?.();
      });
    });
  }

  get inFlight(): number {
    return this.inflight;
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Readiness fails first, so Kubernetes stops routing here while what is in flight finishes.
    this.lifecycle.markDraining();
    if (this.inflight === 0) return;
    const timeoutMs = this.config.gateway.shutdown_timeout_ms;
    this.logger.log(`waiting up to ${timeoutMs} ms for ${this.inflight} request(s) in flight`);
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => (this.idle = () => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!drained) this.logger.warn(`shutdown timeout: cutting ${this.inflight} request(s) still in flight`);
  }
}
