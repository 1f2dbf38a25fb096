import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { GuardClient } from './guard.client.js';

/**
 * The fingerprint guard-inference currently uses for each policy: the gateway keys its verdict
 * cache on it, so a policy or model change on the guard side is a different key. Learned from
 * every verdict and refreshed on a timer, so a change is picked up even when every lookup hits;
 * the refresh interval bounds how long a changed policy can still be answered from old entries.
 */
@Injectable()
export class PolicyFingerprints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Guard');
  private readonly known = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: GuardClient,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.cache.enabled) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.cache.fingerprint_refresh_ms);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The current fingerprint of a policy, or undefined until guard-inference has told us. */
  get(policy: string): string | undefined {
    return this.known.get(policy || 'default');
  }

  /** Every verdict names the fingerprint that produced it: the freshest source there is. */
  learn(policy: string, fingerprint: string): void {
    if (!fingerprint) return;
    const name = policy || 'default';
    const before = this.known.get(name);
    if (before === fingerprint) return;
    this.known.set(name, fingerprint);
    if (before) this.logger.log(`policy "${name}" changed on guard-inference (fingerprint ${before.slice(0, 12)} -> ${fingerprint.slice(0, 12)})`);
  }

  async refresh(): Promise<void> {
    try {
      for (const { name, fingerprint } of await this.client.listPolicies()) this.learn(name, fingerprint);
    } catch {
      // Guard down: keep what we know; the verdicts themselves correct it once it is back.
    }
  }
}
