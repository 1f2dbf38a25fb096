import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { buildPolicies, type CompiledPolicy, type MlScannerFactory } from '@ollama-guard/policy';
import { ServingStatus } from '@ollama-guard/contracts';
import { AppLifecycle } from '@ollama-guard/health';
import { HealthRegistry } from '../health/health.registry.js';
import { ML_SCANNER_FACTORY } from '../ml/index.js';

export class UnknownPolicyError extends Error {}

export const GUARD_SERVICE = 'guard.v1.GuardService';

/** The configured policies, built once the models are loaded; unknown names are an error, not a fallback. */
@Injectable()
export class PolicyRegistry implements OnModuleInit {
  private policies = new Map<string, CompiledPolicy>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @Inject(ML_SCANNER_FACTORY) private readonly ml: MlScannerFactory,
    private readonly health: HealthRegistry,
    private readonly lifecycle: AppLifecycle,
  ) {}

  /** Runs after the ML module loaded its models: only then is the guard service SERVING. */
  onModuleInit(): void {
    this.policies = buildPolicies(this.config.policies, { ml: this.ml });
    this.health.set(GUARD_SERVICE, ServingStatus.SERVING);
    this.lifecycle.markReady();
  }

  get(name: string): CompiledPolicy {
    const policy = this.policies.get(name || 'default');
    if (!policy) throw new UnknownPolicyError(`unknown policy "${name}" (configured: ${[...this.policies.keys()].join(', ')})`);
    return policy;
  }

  names(): string[] {
    return [...this.policies.keys()];
  }
}
