import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { VerdictCache } from '@ollama-guard/cache';
import { APP_CONFIG, type AppConfig } from '@ollama-guard/config';
import { HealthChecks, type ProbeKind } from '@ollama-guard/health';
import { bindCacheMetrics, MetricsRegistry } from '@ollama-guard/metrics';
import { AdminHttpError, AdminServer } from './admin.server.js';
import { redactedConfig } from './config.redaction.js';
import { StatsRegistry } from './stats.registry.js';

const ADMIN_PORT = Symbol('ADMIN_PORT');

/** The endpoints both apps serve; apps add their own (e.g. /queue/stats) through AdminServer.route. */
@Injectable()
class AdminEndpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly server: AdminServer,
    private readonly health: HealthChecks,
    private readonly metrics: MetricsRegistry,
    private readonly stats: StatsRegistry,
    private readonly cache: VerdictCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    bindCacheMetrics(metrics, cache);
    stats.add('cache', () => {
      const { enabled, backend, active, fallback, tiers } = cache.snapshot();
      return { enabled, backend, active, fallback, hits: tiers.l1.hits + tiers.memory.hits + tiers.redis.hits, errors: tiers.redis.errors };
    });
    for (const kind of ['live', 'ready', 'startup'] as ProbeKind[]) {
      server.route({
        method: 'GET',
        path: `/health/${kind}`,
        open: true,
        handler: async (_request, reply) => {
          const answer = await this.health.probe(kind);
          return reply.code(answer.status).send(answer.body);
        },
      });
    }
    server.route({
      method: 'GET',
      path: '/metrics',
      open: true,
      handler: async (_request, reply) => reply.header('content-type', this.metrics.contentType).send(await this.metrics.text()),
    });
    server.route({ method: 'GET', path: '/config', handler: () => redactedConfig(this.config) });
    server.route({ method: 'GET', path: '/stats', handler: () => this.stats.snapshot() });
    server.route({ method: 'GET', path: '/cache/stats', handler: () => this.cache.snapshot() });
    server.route({
      method: 'POST',
      path: '/admin/cache/clear',
      requiresToken: true,
      handler: async () => {
        try {
          return { cleared: true, ...(await this.cache.clear()) };
        } catch (error) {
          throw new AdminHttpError(503, `the cache could not be cleared: ${(error as Error).message}`);
        }
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.server.listen();
  }

  /** Last to close: the probes keep answering (not ready) while the API drains. */
  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}

@Global()
@Module({})
export class AdminModule {
  /** `port` picks this app's admin port from the config. */
  static forRoot(port: (config: AppConfig) => number): DynamicModule {
    return {
      module: AdminModule,
      providers: [
        { provide: ADMIN_PORT, inject: [APP_CONFIG], useFactory: port },
        { provide: AdminServer, inject: [APP_CONFIG, ADMIN_PORT], useFactory: (config: AppConfig, p: number) => new AdminServer(config.admin.host, p, config.admin.token) },
        StatsRegistry,
        AdminEndpoints,
      ],
      exports: [AdminServer, StatsRegistry],
    };
  }
}
