import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { ServingStatus } from '@ollama-guard/contracts';
import { AppLifecycle } from '@ollama-guard/health';
import { HealthRegistry } from '../health/health.registry.js';
import { GUARD_SERVICE } from '../scan/policy.registry.js';

/**
 * On SIGTERM both kinds of probe turn not-ready before the gRPC server stops taking calls: the
 * HTTP readiness and grpc.health.v1 (Kubernetes grpc probes, and gateways' readiness checks).
 * The gRPC server then lets calls in flight finish (Nest closes it gracefully).
 */
@Injectable()
export class ShutdownHook implements BeforeApplicationShutdown {
  constructor(
    private readonly lifecycle: AppLifecycle,
    private readonly health: HealthRegistry,
  ) {}

  beforeApplicationShutdown(): void {
    this.lifecycle.markDraining();
    this.health.set('', ServingStatus.NOT_SERVING);
    this.health.set(GUARD_SERVICE, ServingStatus.NOT_SERVING);
  }
}
