import { Injectable } from '@nestjs/common';

/** Sections of /stats: each capability adds its own (guard, cache, queue, ...). */
@Injectable()
export class StatsRegistry {
  private readonly sections = new Map<string, () => unknown>();
  private readonly started = Date.now();

  add(name: string, section: () => unknown): void {
    this.sections.set(name, section);
  }

  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = { uptime_seconds: Math.round((Date.now() - this.started) / 1000) };
    for (const [name, section] of this.sections) out[name] = section();
    return out;
  }
}
