import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { RedisConnection } from '@ollama-guard/redis';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RedisSlotsStore } from './redis-slots.store.js';

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
  grant(slot: Slot): void;
  timer: NodeJS.Timeout;
}

/** While a replica waits for a slot held elsewhere, it asks Redis again this often (jittered). */
const SHARED_RETRY_MS = 20;

const WAIT_SAMPLES = 1_024;
const MAX_LANES = 1_024;

class ModelLane {
  active = 0;
  /** A loop is asking Redis for slots on behalf of this lane's waiters. */
  pumping = false;
  readonly waiters: Waiter[] = [];
  served = 0;
  rejected = 0;
  /** Set by the metrics: every admitted request's wait. */
  onWait?: (ms: number) => void;
  timedOut = 0;
  abandoned = 0;
  maxWaitMs = 0;
  /** Recent waits of admitted requests (ring buffer), for percentiles. */
  private readonly waits = new Float64Array(WAIT_SAMPLES);
  private waitCount = 0;

  recordWait(ms: number): void {
    this.onWait?.(ms);
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
  /** `redis`: num_parallel counts every replica's requests; `memory`: this replica's. */
  backend: 'memory' | 'redis';
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
 * With the `redis` backend the slots are shared by all replicas; each keeps its own line.
 */
@Injectable()
export class ModelQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('ModelQueue');
  private readonly lanes = new Map<string, ModelLane>();
  readonly parallel: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly redis: RedisConnection | undefined;
  private readonly shared: RedisSlotsStore | undefined;
  private closed = false;

  constructor(@InjectConfig() config: AppConfig) {
    this.parallel = config.queue.num_parallel;
    this.maxQueue = config.queue.max_queue;
    this.timeoutMs = config.queue.timeout_ms;
    this.leaseMs = config.queue.lease_ms;
    if (this.parallel > 0 && config.queue.backend === 'redis') {
      this.redis = new RedisConnection(config.redis, 'queue');
      this.shared = new RedisSlotsStore(this.redis, config.rate_limit.prefix);
      this.redis.on('down', (reason) => this.logger.warn(`Redis unavailable: each replica limits its own requests per model until it answers (${reason})`));
      this.redis.on('up', () => this.logger.log('Redis answers: per-model slots are shared across replicas again'));
    }
  }

  get enabled(): boolean {
    return this.parallel > 0;
  }

  /** Waits for a slot of `model`; rejects with QueueRefusedError, or QueueAbandonedError when `signal` aborts. */
  async acquire(model: string, signal: AbortSignal): Promise<Slot> {
    const lane = this.lane(model);
    if (lane.waiters.length === 0) {
      const slot = await this.take(model, lane);
      if (slot) {
        lane.served++;
        lane.recordWait(0);
        return slot;
      }
    }
    if (lane.waiters.length >= this.maxQueue) {
      lane.rejected++;
      this.onRefused?.(model, 'full');
      throw new QueueRefusedError('full', model, `server busy: ${lane.active} request(s) for model "${model}" are running and ${lane.waiters.length} waiting (OLLAMA_MAX_QUEUE); try again later`);
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
        grant: (slot) => {
          remove();
          lane.served++;
          lane.recordWait(performance.now() - waiter.enqueued);
          resolve(slot);
        },
        timer: setTimeout(() => {
          remove();
          lane.timedOut++;
          this.onRefused?.(model, 'timeout');
          reject(new QueueRefusedError('timeout', model, `server busy: no slot for model "${model}" within ${this.timeoutMs} ms (QUEUE_TIMEOUT_MS); try again later`));
        }, this.timeoutMs),
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      lane.waiters.push(waiter);
      // A slot may have freed up while we were asking Redis; and in shared mode slots held by
      // other replicas free up without telling us.
      if (this.shared) void this.pump(model, lane);
      else if (lane.active < this.parallel) waiter.grant(this.localSlot(model, lane));
    });
  }

  /** Observers for the metrics: every admitted request's wait, every refusal. */
  onWait?: (model: string, ms: number) => void;
  onRefused?: (model: string, reason: 'full' | 'timeout') => void;

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
    return { backend: this.shared ? 'redis' : 'memory', num_parallel: this.parallel, max_queue: this.maxQueue, timeout_ms: this.timeoutMs, models };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.redis?.close();
  }

  private lane(model: string): ModelLane {
    let lane = this.lanes.get(model);
    if (lane) return lane;
    // Model names come from clients: idle lanes of names nobody uses any more are dropped.
    if (this.lanes.size >= MAX_LANES) for (const [name, idle] of this.lanes) if (idle.active === 0 && idle.waiters.length === 0) this.lanes.delete(name);
    this.lanes.set(model, (lane = new ModelLane()));
    lane.onWait = (ms) => this.onWait?.(model, ms);
    return lane;
  }

  /** A slot if one is free now: in Redis when shared (this replica's own count while Redis is down). */
  private async take(model: string, lane: ModelLane): Promise<Slot | undefined> {
    if (this.shared) {
      const id = randomUUID();
      const taken = await this.shared.acquire(model, this.parallel, this.leaseMs, id);
      if (taken === true) return this.sharedSlot(model, lane, id);
      if (taken === false) return undefined;
    }
    return lane.active < this.parallel ? this.localSlot(model, lane) : undefined;
  }

  /** Shared mode: asks for slots for the waiters in order until none is left waiting. */
  private async pump(model: string, lane: ModelLane): Promise<void> {
    if (lane.pumping) return;
    lane.pumping = true;
    try {
      while (lane.waiters.length > 0 && !this.closed) {
        const slot = await this.take(model, lane);
        const next = lane.waiters[0];
        if (slot && next) next.grant(slot);
        else if (slot) slot.release();
        else await new Promise((r) => setTimeout(r, SHARED_RETRY_MS * (0.5 + Math.random())));
      }
    } finally {
      lane.pumping = false;
    }
  }

  private localSlot(model: string, lane: ModelLane): Slot {
    lane.active++;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        lane.active--;
        if (lane.waiters.length === 0) return;
        if (this.shared) void this.pump(model, lane);
        else lane.waiters[0].grant(this.localSlot(model, lane));
      },
    };
  }

  private sharedSlot(model: string, lane: ModelLane, id: string): Slot {
    lane.active++;
    let held = true;
    const renew = setInterval(() => void this.shared!.renew(model, this.leaseMs, id), Math.floor(this.leaseMs / 3));
    renew.unref();
    return {
      release: () => {
        if (!held) return;
        held = false;
        clearInterval(renew);
        lane.active--;
        void this.shared!.release(model, id).then(() => {
          if (lane.waiters.length > 0) void this.pump(model, lane);
        });
      },
    };
  }
}
