import { Injectable } from '@nestjs/common';

export type AppPhase = 'starting' | 'ready' | 'draining';

/**
 * Where the process is in its life, for the probes: `starting` until the app says it is up (models
 * loaded, listening), `draining` from the shutdown signal on, so readiness fails before anything
 * stops and Kubernetes takes the pod out of its Services while requests in flight finish.
 */
@Injectable()
export class AppLifecycle {
  private current: AppPhase = 'starting';
  private readonly listeners: Array<(phase: AppPhase) => void> = [];

  get phase(): AppPhase {
    return this.current;
  }

  markReady(): void {
    if (this.current === 'starting') this.set('ready');
  }

  markDraining(): void {
    this.set('draining');
  }

  onChange(listener: (phase: AppPhase) => void): void {
    this.listeners.push(listener);
  }

  private set(phase: AppPhase): void {
    if (phase === this.current) return;
    this.current = phase;
    for (const listener of this.listeners) listener(phase);
  }
}
