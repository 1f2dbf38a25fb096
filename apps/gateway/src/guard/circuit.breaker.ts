/**
 * Stops calling a guard-inference that keeps failing: after `failures` consecutive failures the
 * circuit opens and calls fail at once; after `resetMs` one probe call is let through, and its
 * outcome closes the circuit again or keeps it open for another period.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private probing = false;

  constructor(
    private readonly failures: number,
    private readonly resetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.resetMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; a half-open circuit lets exactly one probe through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  failure(): void {
    this.probing = false;
    if (++this.consecutiveFailures >= this.failures || this.openedAt !== undefined) this.openedAt = this.now();
  }
}
