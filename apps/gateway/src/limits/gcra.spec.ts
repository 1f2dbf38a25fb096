import { describe, expect, it } from 'vitest';
import { gcra, type GcraLimit } from './gcra.js';
import { ModelQueue, QueueAbandonedError, QueueRefusedError } from './model.queue.js';
import type { AppConfig } from '@ollama-guard/config';

describe('GCRA', () => {
  const limit: GcraLimit = { perMinute: 60, capacity: 3 };

  it('lets a burst of `capacity` through, then one unit per interval', () => {
    let tat = 0;
    const now = 1_000_000_000;
    for (let i = 0; i < 3; i++) {
      const r = gcra(tat, now, limit, 1);
      expect(r).toMatchObject({ allowed: true, remaining: 2 - i });
      tat = r.tat;
    }
    const denied = gcra(tat, now, limit, 1);
    expect(denied).toMatchObject({ allowed: false, remaining: 0, retryAfterUs: 1_000_000 });
    expect(gcra(tat, now + 999_999, limit, 1).allowed).toBe(false);
    expect(gcra(tat, now + 1_000_000, limit, 1)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('charges weighted units (prompt tokens) and never lets a cost above capacity through', () => {
    const tokens: GcraLimit = { perMinute: 600, capacity: 600 };
    const first = gcra(0, 0, tokens, 500);
    expect(first).toMatchObject({ allowed: true, remaining: 100 });
    expect(gcra(first.tat, 0, tokens, 200)).toMatchObject({ allowed: false, retryAfterUs: 10_000_000 });
    expect(gcra(0, 0, tokens, 601).allowed).toBe(false);
  });
});

describe('per-model queue', () => {
  const queueOf = (num_parallel: number, max_queue: number, timeout_ms = 1_000) =>
    new ModelQueue({ queue: { num_parallel, max_queue, timeout_ms } } as unknown as AppConfig);
  const never = new AbortController().signal;

  it('runs num_parallel at once, queues in order, refuses past max_queue, hands slots over FIFO', async () => {
    const queue = queueOf(1, 2);
    const first = await queue.acquire('m', never);
    const order: number[] = [];
    const second = queue.acquire('m', never).then((slot) => (order.push(2), slot));
    const third = queue.acquire('m', never).then((slot) => (order.push(3), slot));
    await expect(queue.acquire('m', never)).rejects.toMatchObject({ reason: 'full' });
    // Another model has its own lane.
    (await queue.acquire('other', never)).release();
    expect(queue.stats().models.m).toMatchObject({ active: 1, queued: 2, rejected: 1 });
    first.release();
    first.release(); // idempotent: must not free a second slot
    (await second).release();
    (await third).release();
    expect(order).toEqual([2, 3]);
    expect(queue.stats().models.m).toMatchObject({ active: 0, queued: 0, served: 3, rejected: 1 });
  });

  it('times out and forgets waiters whose client left', async () => {
    const queue = queueOf(1, 5, 50);
    const held = await queue.acquire('m', never);
    await expect(queue.acquire('m', never)).rejects.toBeInstanceOf(QueueRefusedError);
    const left = new AbortController();
    const waiting = queue.acquire('m', left.signal);
    left.abort();
    await expect(waiting).rejects.toBeInstanceOf(QueueAbandonedError);
    expect(queue.stats().models.m).toMatchObject({ active: 1, queued: 0, timed_out: 1, abandoned: 1 });
    held.release();
    expect(queue.stats().models.m.active).toBe(0);
  });
});

describe('gcra rounding', () => {
  it('lets a new client through at a burst of one whatever the clock reads', () => {
    // Readings of performance.now() * 1000 where (now + e) - e lands an ulp above now.
    const readings: Array<[number, number]> = [[53_920_655.54506176, 1], [53_920_655.54506176, 7], [26_415_836.92004801, 1], [519_004_179.25469154, 1]];
    for (const [now, perMinute] of readings) {
      expect(now < now + 60e6 / perMinute - 60e6 / perMinute).toBe(true); // the trap is real
      expect(gcra(0, now, { perMinute, capacity: 1 }, 1)).toMatchObject({ allowed: true, retryAfterUs: 0 });
    }
  });
});
