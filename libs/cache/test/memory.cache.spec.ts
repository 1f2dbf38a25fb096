import { describe, expect, it, vi } from 'vitest';
import { entryId, MemoryStore, promptEntry, seal, unseal, outputEntry, VERDICT_CODEC, VerdictCache, isCacheableVerdict } from '../src/index.js';
import { options, verdict } from './cache.fixtures.js';

describe('MemoryStore', () => {
  it('evicts the least recently used entry beyond its size', () => {
    const store = new MemoryStore<number>(2);
    store.set('a', 1, 60_000);
    store.set('b', 2, 60_000);
    expect(store.get('a')).toBe(1); // a is now the most recent
    store.set('c', 3, 60_000);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBe(1);
    expect(store.get('c')).toBe(3);
  });

  it('expires entries after their TTL', () => {
    let now = 1_000;
    const store = new MemoryStore<number>(10, () => now);
    store.set('a', 1, 500);
    now += 499;
    expect(store.get('a')).toBe(1);
    now += 1;
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

describe('cache keys and sealed values', () => {
  it('change with the fingerprint, the direction, the text and the answer context, and never contain the text', () => {
    const base = promptEntry('fp-1', ['my secret prompt']);
    expect(base.key).toMatch(/^v1:[A-Za-z0-9_-]{43}$/);
    expect(base.key).not.toContain('secret');
    expect(promptEntry('fp-2', ['my secret prompt']).key).not.toBe(base.key);
    expect(promptEntry('fp-1', ['my secret prompt!']).key).not.toBe(base.key);
    expect(promptEntry('fp-1', ['my secret', ' prompt']).key).not.toBe(promptEntry('fp-1', ['my secre', 't prompt']).key);
    expect(entryId({ fingerprint: 'fp-1', direction: 'output', texts: ['my secret prompt'] }).key).not.toBe(base.key);
    const answer = outputEntry('fp-1', 'q', 'a', []);
    expect(outputEntry('fp-1', 'q2', 'a', []).key).not.toBe(answer.key);
    expect(outputEntry('fp-1', 'q', 'a', [{ placeholder: '[EMAIL_1]', original: 'x@y.z' }]).key).not.toBe(answer.key);
  });

  it('seals values so only the same text opens them, and rejects tampering', () => {
    const id = promptEntry('fp', ['the text']);
    const sealed = seal(Buffer.from('verdict bytes'), id.secret);
    expect(sealed.includes(Buffer.from('verdict'))).toBe(false);
    expect(unseal(sealed, id.secret)?.toString()).toBe('verdict bytes');
    expect(unseal(sealed, promptEntry('fp', ['other text']).secret)).toBeUndefined();
    sealed[sealed.length - 1] ^= 1;
    expect(unseal(sealed, id.secret)).toBeUndefined();
  });

  it('only keeps complete verdicts', () => {
    expect(isCacheableVerdict(verdict())).toBe(true);
    expect(isCacheableVerdict(verdict({ fingerprint: '' }))).toBe(false);
    expect(isCacheableVerdict(verdict({ results: [{ ...verdict().results[0], error: true }] }))).toBe(false);
  });
});

describe('VerdictCache with the memory backend', () => {
  const cache = () => new VerdictCache(options({ CACHE_BACKEND: 'memory' }), VERDICT_CODEC);

  it('computes on a miss and serves the same verdict on a hit', async () => {
    const c = cache();
    const compute = vi.fn(async () => verdict());
    const id = promptEntry('fp-1', ['hello']);
    expect((await c.getOrCompute(id, compute, isCacheableVerdict)).outcome).toBe('miss');
    const second = await c.getOrCompute(id, compute, isCacheableVerdict);
    expect(second).toEqual({ value: verdict(), outcome: 'memory' });
    expect(compute).toHaveBeenCalledTimes(1);
    expect(c.snapshot()).toMatchObject({ backend: 'memory', active: 'memory', fallback: false, tiers: { memory: { hits: 1, misses: 1, errors: 0 } } });
  });

  it('never stores scanner errors', async () => {
    const c = cache();
    const failed = verdict({ allowed: false, results: [{ ...verdict().results[0], error: true }] });
    const compute = vi.fn(async () => failed);
    const id = promptEntry('fp-1', ['x']);
    await c.getOrCompute(id, compute, isCacheableVerdict);
    await c.getOrCompute(id, compute, isCacheableVerdict);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(c.snapshot().uncacheable).toBe(2);
  });

  it('runs identical concurrent scans once and shares the result', async () => {
    const c = cache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = vi.fn(async () => {
      await gate;
      return verdict();
    });
    const id = promptEntry('fp-1', ['same']);
    const calls = Array.from({ length: 10 }, () => c.getOrCompute(id, compute, isCacheableVerdict));
    release();
    const results = await Promise.all(calls);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(results.filter((r) => r.outcome === 'coalesced')).toHaveLength(9);
    expect(results.every((r) => r.value.allowed)).toBe(true);
  });

  it('passes a failed computation to every waiter and caches nothing', async () => {
    const c = cache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = vi.fn(async () => {
      await gate;
      throw new Error('guard down');
    });
    const id = promptEntry('fp-1', ['boom']);
    const calls = [c.getOrCompute(id, compute, isCacheableVerdict), c.getOrCompute(id, compute, isCacheableVerdict)];
    release();
    await expect(calls[0]).rejects.toThrow('guard down');
    await expect(calls[1]).rejects.toThrow('guard down');
    await expect(c.getOrCompute(id, async () => verdict(), isCacheableVerdict)).resolves.toMatchObject({ outcome: 'miss' });
  });

  it('is bypassed entirely when disabled', async () => {
    const c = new VerdictCache(options({ CACHE_ENABLED: 'false' }), VERDICT_CODEC);
    const compute = vi.fn(async () => verdict());
    const id = promptEntry('fp-1', ['x']);
    await c.getOrCompute(id, compute, isCacheableVerdict);
    expect((await c.getOrCompute(id, compute, isCacheableVerdict)).outcome).toBe('off');
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('clears its entries', async () => {
    const c = cache();
    const id = promptEntry('fp-1', ['x']);
    await c.getOrCompute(id, async () => verdict(), isCacheableVerdict);
    expect(await c.clear()).toEqual({ removed: 1 });
    expect((await c.getOrCompute(id, async () => verdict(), isCacheableVerdict)).outcome).toBe('miss');
  });
});
