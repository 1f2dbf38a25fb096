import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { AppLifecycle } from './app.lifecycle.js';

export type ProbeKind = 'live' | 'ready' | 'startup';

/** A dependency check: resolves (optionally with details) when healthy, throws with the reason when not. */
export type DependencyCheck = () => Promise<Record<string, unknown> | void>;

export interface ProbeAnswer {
  status: 200 | 503;
  body: unknown;
}

/** Each check gets this long; a dependency that does not answer in time counts as down. */
const CHECK_TIMEOUT_MS = 1_500;

/**
 * The three Kubernetes probes over Terminus. Liveness has no dependencies (a dead Redis must not
 * restart the pod); readiness adds the process phase and every registered dependency; startup
 * waits for the app to report itself up (for guard-inference: its models loaded).
 */
@Injectable()
export class HealthChecks {
  private readonly dependencies = new Map<string, DependencyCheck>();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    readonly lifecycle: AppLifecycle,
  ) {}

  /** A dependency readiness depends on (guard-inference, Redis, the upstream). */
  requireForReadiness(name: string, check: DependencyCheck): void {
    this.dependencies.set(name, check);
  }

  async probe(kind: ProbeKind): Promise<ProbeAnswer> {
    const checks: HealthIndicatorFunction[] = [];
    if (kind !== 'live') checks.push(() => this.phase(kind));
    if (kind === 'ready') {
      for (const [name, check] of this.dependencies) {
        checks.push(() => this.indicators.check(name).attempt(async () => (await check()) ?? {}).withTimeout(CHECK_TIMEOUT_MS));
      }
    }
    try {
      return { status: 200, body: await this.health.check(checks) };
    } catch (error) {
      const response = (error as { getResponse?: () => unknown }).getResponse?.();
      if (response) return { status: 503, body: response };
      throw error;
    }
  }

  private async phase(kind: ProbeKind) {
    const session = this.indicators.check('process');
    const { phase } = this.lifecycle;
    const healthy = kind === 'startup' ? phase !== 'starting' : phase === 'ready';
    return healthy ? session.up({ phase }) : session.down({ phase });
  }
}
