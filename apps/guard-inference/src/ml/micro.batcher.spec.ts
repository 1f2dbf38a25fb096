import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './micro.batcher.js';

/** A runner that records its batches and doubles each item. */
function recorder(delayMs = 0) {
  const batches: number[][] = [];
  const run = async (items: number[]) => {
    batches.push(items);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return items.map((i) => i * 2);
  };
  return { batches, run };
}

describe('MicroBatcher', () => {
  it('gathers calls made in the same tick into one batch (waitMs 0) and routes each result back', async () => {
    const { batches, run } = recorder();
    const b = new MicroBatcher(run, { maxBatch: 100, waitMs: 0 });
    const out = await Promise.all([1, 2, 3, 4, 5].map((i) => b.add(i)));
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('waits up to waitMs for later calls', async () => {
    const { batches, run } = recorder();
    const b = new MicroBatcher(run, { maxBatch: 100, waitMs: 30 });
    const first = b.add(1);
    await new Promise((r) => setTimeout(r, 5));
    const second = b.add(2);
    expect(await Promise.all([first, second])).toEqual([2, 4]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('dispatches a full batch at once, without waiting', async () => {
    const { batches, run } = recorder();
    const b = new MicroBatcher(run, { maxBatch: 4, waitMs: 10_000 });
    const started = performance.now();
    const out = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => b.add(i)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
  });

  it('splits what the timer collects into maxBatch chunks', async () => {
    const { batches, run } = recorder();
    const b = new MicroBatcher(run, { maxBatch: 3, waitMs: 0 });
    const adds = [1, 2, 3, 4, 5].map((i) => b.add(i));
    expect(b.queued).toBe(2);
    await Promise.all(adds);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('groupBy: keeps a group in one batch and counts groups, not items, against maxBatch', async () => {
    const batches: string[][] = [];
    const b = new MicroBatcher(async (items: string[]) => (batches.push(items), items.map((i) => i.toUpperCase())), {
      maxBatch: 2,
      waitMs: 10_000,
      groupBy: (item) => item[0],
    });
    const started = performance.now();
    const out = await Promise.all(['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'a3', 'c2'].map((i) => b.add(i)));
    // A full batch leaves at the next group's first item, or right after the tick: never at the 10 s timer.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(out).toEqual(['A1', 'A2', 'B1', 'B2', 'B3', 'C1', 'A3', 'C2']);
    expect(batches).toEqual([
      ['a1', 'a2', 'b1', 'b2', 'b3'],
      ['c1', 'a3', 'c2'],
    ]);
  });

  it('ready: holds a partial batch while the runner is busy, lets full batches go, and sends the rest together on flush()', async () => {
    const { batches, run } = recorder();
    let ready = false;
    const b = new MicroBatcher(run, { maxBatch: 4, waitMs: 0, ready: () => ready });
    const first = [1, 2].map((i) => b.add(i));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([]);
    const more = [3, 4, 5, 6, 7].map((i) => b.add(i));
    // The queue reached maxBatch: that batch leaves, busy runner or not.
    expect(batches).toEqual([[1, 2, 3, 4]]);
    await new Promise((r) => setImmediate(r));
    expect(b.queued).toBe(3);
    ready = true;
    b.flush();
    expect(await Promise.all([...first, ...more])).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7],
    ]);
  });

  it('rejects every item of a failed batch, and only that batch', async () => {
    let calls = 0;
    const b = new MicroBatcher(
      async (items: number[]) => {
        if (calls++ === 0) throw new Error('model exploded');
        return items;
      },
      { maxBatch: 2, waitMs: 0 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((i) => b.add(i)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('model exploded');
  });

  it('rejects all items when the runner returns the wrong number of results', async () => {
    const b = new MicroBatcher(async () => [1], { maxBatch: 10, waitMs: 0 });
    await expect(Promise.all([b.add(1), b.add(2)])).rejects.toThrow('1 results for 2 items');
  });

  it('close() rejects queued items and later calls', async () => {
    const { batches, run } = recorder();
    const b = new MicroBatcher(run, { maxBatch: 10, waitMs: 50 });
    const queued = b.add(1);
    b.close(new Error('closed'));
    await expect(queued).rejects.toThrow('closed');
    await expect(b.add(2)).rejects.toThrow('closed');
    await new Promise((r) => setTimeout(r, 60));
    expect(batches).toEqual([]);
  });

  it('keeps batching while earlier batches are still running', async () => {
    const { batches, run } = recorder(20);
    const b = new MicroBatcher(run, { maxBatch: 10, waitMs: 0 });
    const first = Promise.all([1, 2].map((i) => b.add(i)));
    await new Promise((r) => setImmediate(r));
    const second = Promise.all([3, 4, 5].map((i) => b.add(i)));
    expect(await first).toEqual([2, 4]);
    expect(await second).toEqual([6, 8, 10]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });
});
