import { Injectable } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { performance } from 'node:perf_hooks';

export type QueueRefusal = 'full' | 'timeout';

export class QueueRefusedError extends Error {
  constructor(
    readonly reason: QueueRefusal,
    readonly model: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueueRefusedError';
  }
}

/** The client left while waiting; nothing is to be answered. */
export class QueueAbandonedError extends Error {}

/** A held slot; `release` is idempotent, so every way a request can end may call it. */
export interface Slot {
  release(): void;
}

interface Waiter {
  enqueued: number;
  grant(): void;
  timer: NodeJS.Timeout;
}

const WAIT_SAMPLES = 1_024;
const MAX_LANES = 1_024;

class ModelLane {
  active = 0;
  readonly waiters: Waiter[] = [];
  served = 0;
  rejected = 0;
  timedOut = 0;
  abandoned = 0;
  maxWaitMs = 0;
  /** Recent waits of admitted requests (ring buffer), for percentiles. */
  private readonly waits = new Float64Array(WAIT_SAMPLES);
  private waitCount = 0;

  recordWait(ms: number): void {
    this.waits[this.waitCount++ % WAIT_SAMPLES] = ms;
    if (ms > this.maxWaitMs) this.maxWaitMs = ms;
  }

  waitPercentiles(): { p50: number; p95: number; p99: number } {
    const n = Math.min(this.waitCount, WAIT_SAMPLES);
    if (n === 0) return { p50: 0, p95: 0, p99: 0 };
    const sorted = Array.from(this.waits.subarray(0, n)).sort((a, b) => a - b);
    const at = (q: number) => round(sorted[Math.min(n - 1, Math.floor(q * n))]);
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export interface ModelQueueStats {
  num_parallel: number;
  max_queue: number;
  timeout_ms: number;
  models: Record<
    string,
    {
      active: number;
      queued: number;
      served: number;
      rejected: number;
      timed_out: number;
      abandoned: number;
      wait_ms: { p50: number; p95: number; p99: number; max: number };
    }
  >;
}

/**
 * Per-model concurrency in front of the upstream, like Ollama's OLLAMA_NUM_PARALLEL and
 * OLLAMA_MAX_QUEUE: `num_parallel` requests per model run at once, up to `max_queue` more wait
 * in order (FIFO), each at most `timeout_ms`. A slot is held until the response is over for the
 * client (a stream holds it to its last byte), so the upstream never sees more than the limit.
 */
@Injectable()
export class ModelQueue {
  private readonly lanes = new Map<string, ModelLane>();
  readonly parallel: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;

  constructor(@InjectConfig() config: AppConfig) {
    this.parallel = config.queue.num_parallel;
    this.maxQueue = config.queue.max_queue;
    this.timeoutMs = config.queue.timeout_ms;
  }

  get enabled(): boolean {
    return this.parallel > 0;
  }

  /** Waits for a slot of `model`; rejects with QueueRefusedError, or QueueAbandonedError when `signal` aborts. */
  acquire(model: string, signal: AbortSignal): Promise<Slot> {
    const lane = this.lane(model);
    if (lane.active < this.parallel && lane.waiters.length === 0) {
      lane.active++;
      lane.served++;
      lane.recordWait(0);
      return Promise.resolve(this.slot(model, lane));
    }
    if (lane.waiters.length >= this.maxQueue) {
      lane.rejected++;
      return Promise.reject(
        new QueueRefusedError('full', model, `server busy: ${lane.active} request(s) for model "${model}" are running and ${lane.waiters.length} waiting (OLLAMA_MAX_QUEUE); try again later`),
      );
    }
    return new Promise<Slot>((resolve, reject) => {
      const remove = () => {
        const index = lane.waiters.indexOf(waiter);
        if (index >= 0) lane.waiters.splice(index, 1);
        signal.removeEventListener('abort', onAbort);
        clearTimeout(waiter.timer);
      };
      const onAbort = () => {
        remove();
        lane.abandoned++;
        reject(new QueueAbandonedError('client left while queued'));
      };
      const waiter: Waiter = {
        enqueued: performance.now(),
        grant: () => {
          remove();
          lane.served++;
          lane.recordWait(performance.now() - waiter.enqueued);
          resolve(this.slot(model, lane));
        },
        timer: setTimeout(() => {
          remove();
          lane.timedOut++;
          reject(new QueueRefusedError('timeout', model, `server busy: no slot for model "${model}" within ${this.timeoutMs} ms (QUEUE_TIMEOUT_MS); try again later`));
        }, this.timeoutMs),
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      lane.waiters.push(waiter);
    });
  }

  stats(): ModelQueueStats {
    const models: ModelQueueStats['models'] = {};
    for (const [model, lane] of [...this.lanes].sort(([a], [b]) => a.localeCompare(b))) {
      models[model] = {
        active: lane.active,
        queued: lane.waiters.length,
        served: lane.served,
        rejected: lane.rejected,
        timed_out: lane.timedOut,
        abandoned: lane.abandoned,
        wait_ms: { ...lane.waitPercentiles(), max: round(lane.maxWaitMs) },
      };
    }
    return { num_parallel: this.parallel, max_queue: this.maxQueue, timeout_ms: this.timeoutMs, models };
  }

  private lane(model: string): ModelLane {
    let lane = this.lanes.get(model);
    if (lane) return lane;
    // Model names come from clients: idle lanes of names nobody uses any more are dropped.
    if (this.lanes.size >= MAX_LANES) for (const [name, idle] of this.lanes) if (idle.active === 0 && idle.waiters.length === 0) this.lanes.delete(name);
    this.lanes.set(model, (lane = new ModelLane()));
    return lane;
  }

  private slot(model: string, lane: ModelLane): Slot {
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        // The slot passes straight to the next waiter; `active` only drops when nobody waits.
        const next = lane.waiters[0];
        if (next) next.grant();
        else lane.active--;
      },
    };
  }
}
