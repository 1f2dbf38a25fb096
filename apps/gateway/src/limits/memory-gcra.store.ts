import { performance } from 'node:perf_hooks';
import { gcra, type GcraLimit, type GcraResult } from './gcra.js';

const SWEEP_MS = 60_000;

/**
 * Rate-limit state of one replica. Entries whose TAT has passed hold nothing (a new client would
 * start the same way), so they are swept; the map is also capped, dropping the least recently
 * seen clients first, so a flood of spoofed-looking addresses cannot grow it without bound.
 */
export class MemoryGcraStore {
  private readonly tats = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly maxEntries = 100_000) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  get size(): number {
    return this.tats.size;
  }

  check(key: string, limit: GcraLimit, cost: number): GcraResult {
    const now = performance.now() * 1000;
    const result = gcra(this.tats.get(key) ?? 0, now, limit, cost);
    if (result.allowed) {
      this.tats.delete(key);
      this.tats.set(key, result.tat);
      if (this.tats.size > this.maxEntries) this.tats.delete(this.tats.keys().next().value!);
    }
    return result;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = performance.now() * 1000;
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
  }
}
