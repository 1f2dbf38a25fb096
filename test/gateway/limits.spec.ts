import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';
import { keysFile, tempFile } from '../support/access.harness.js';
import { startRedis, type RedisProcess } from '../support/redis.harness.js';

const generate = { model: 'llama3.2', prompt: 'hi', stream: false as const };
const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const statuses = async (responses: Promise<Response>[]) => Promise.all(responses.map(async (r) => (await r).status));

describe('rate limits', () => {
  let fake: FakeOllama;
  const gateways: RunningGateway[] = [];
  const start = async (env: Record<string, string>) => {
    const gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, ...env });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 0 });
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.close()));
  });
  afterAll(() => fake?.close());

  it('answers 429 with Retry-After and RateLimit headers past the limit, in each API shape', async () => {
    const gateway = await start({ RATE_LIMIT_RPM: '3' });
    const first = await post(gateway.url, '/api/generate', generate);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"requests";q=3;w=60');
    expect(first.headers.get('ratelimit')).toMatch(/^"requests";r=2;t=\d+$/);
    expect(await statuses([post(gateway.url, '/api/tags', {}), post(gateway.url, '/api/generate', generate)])).toEqual([404, 200]);

    const limited = await post(gateway.url, '/api/generate', generate);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(limited.headers.get('ratelimit')).toMatch(/^"requests";r=0;t=\d+$/);
    expect(((await limited.json()) as { error: string }).error).toMatch(/^rate limit exceeded: client 127\.0\.0\.1 may send 3 requests per minute; retry in \d+ s$/);

    const ollama = new Ollama({ host: gateway.url });
    await expect(ollama.generate(generate)).rejects.toMatchObject({ status_code: 429 });
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const error = await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'rate_limit_error' });
  });

  it('limits per API key, with a key\'s own limit, not per address', async () => {
    const gateway = await start({
      RATE_LIMIT_RPM: '2',
      API_KEYS_FILE: keysFile([
        { name: 'a', key: 'sk-a-0123456789' },
        { name: 'b', key: 'sk-b-0123456789' },
        { name: 'vip', key: 'sk-vip-0123456789', rpm: 5 },
      ]),
    });
    const as = (key: string) => post(gateway.url, '/api/generate', generate, { authorization: `Bearer ${key}` });
    expect(await statuses([as('sk-a-0123456789'), as('sk-a-0123456789')])).toEqual([200, 200]);
    const limited = await as('sk-a-0123456789');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toContain('API key "a" may send 2 requests per minute');
    // Same address, another key: its own budget.
    expect(await statuses([as('sk-b-0123456789'), as('sk-b-0123456789')])).toEqual([200, 200]);
    expect(await statuses([1, 2, 3, 4, 5, 6].map(() => as('sk-vip-0123456789')))).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('limits prompt tokens per minute', async () => {
    const gateway = await start({ RATE_LIMIT_TPM: '100' });
    const prompt = (chars: number) => ({ model: 'llama3.2', messages: [{ role: 'user', content: 'x'.repeat(chars) }], stream: false });
    expect((await post(gateway.url, '/api/chat', prompt(240))).status).toBe(200); // ~60 tokens
    const limited = await post(gateway.url, '/v1/chat/completions', prompt(240));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-policy')).toBe('"tokens";q=100;w=60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    const huge = await post(gateway.url, '/api/embed', { model: 'nomic-embed-text', input: ['y'.repeat(800)] });
    expect(huge.status).toBe(429);
    expect(await huge.json()).toEqual({ error: 'prompt of about 200 tokens is larger than the limit of 100 prompt tokens per minute' });
  });

  describe('shared through Redis', () => {
    let redis: RedisProcess;
    beforeEach(async () => {
      redis = await startRedis();
    });
    afterEach(async () => {
      await Promise.all(gateways.splice(0).map((g) => g.close()));
      await redis?.stop();
    });

    it('holds one limit across two gateway instances on one Redis', async () => {
      const env = { RATE_LIMIT_BACKEND: 'redis', RATE_LIMIT_RPM: '4', REDIS_PORT: String(redis.port), RATE_LIMIT_PREFIX: 'og-test' };
      const [a, b] = [await start(env), await start(env)];
      await waitForBackend(a, 'redis');
      await waitForBackend(b, 'redis');
      const results = [];
      for (const gateway of [a, b, a, b, a, b]) results.push((await post(gateway.url, '/api/generate', generate)).status);
      expect(results).toEqual([200, 200, 200, 200, 429, 429]);
      // One key per client in Redis, under our prefix, expiring by itself.
      const keys = await redis.client().keys('og-test:*');
      expect(keys).toEqual(['og-test:rl:{ip:127.0.0.1}:r']);
      expect(await redis.client().pttl(keys[0])).toBeGreaterThan(0);
    });

    it('keeps limiting in memory while Redis is down in auto mode, and shares again once it is back', async () => {
      const gateway = await start({ RATE_LIMIT_BACKEND: 'auto', RATE_LIMIT_RPM: '3', REDIS_PORT: String(redis.port) });
      await waitForBackend(gateway, 'redis');
      expect((await post(gateway.url, '/api/generate', generate)).status).toBe(200);
      await redis.kill();
      await waitForBackend(gateway, 'memory');
      // The memory counter starts afresh: three more, then 429.
      expect(await statuses([1, 2, 3, 4].map(() => post(gateway.url, '/api/generate', generate)))).toEqual([200, 200, 200, 429]);
      await redis.restart();
      await waitForBackend(gateway, 'redis');
      // Redis restarted empty (no persistence): its own count again.
      expect((await post(gateway.url, '/api/generate', generate)).status).toBe(200);
      expect(await redis.client().keys('*')).toHaveLength(1);
    });

    it('lets requests through while Redis is down in redis mode, and says so', async () => {
      const gateway = await start({ RATE_LIMIT_BACKEND: 'redis', RATE_LIMIT_RPM: '1', REDIS_PORT: String(redis.port) });
      await waitForBackend(gateway, 'redis');
      await redis.kill();
      await waitForBackend(gateway, 'none');
      expect(await statuses([1, 2, 3].map(() => post(gateway.url, '/api/generate', generate)))).toEqual([200, 200, 200]);
    });
  });
});

async function waitForBackend(gateway: RunningGateway, backend: string): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const stats = (await (await fetch(`${gateway.url}/queue/stats`)).json()) as { rate_limit_backend: string };
    if (stats.rate_limit_backend === backend) return;
    if (Date.now() > until) throw new Error(`rate limit backend still ${stats.rate_limit_backend}, expected ${backend}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('per-model queue', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;

  beforeAll(async () => {
    // 20 chunks 25 ms apart: a stream lasts about half a second.
    fake = await startFakeOllama({ chunkDelayMs: 25, firstChunkDelayMs: 10, reply: () => 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty' });
    gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, OLLAMA_NUM_PARALLEL: '1', OLLAMA_MAX_QUEUE: '1', QUEUE_TIMEOUT_MS: '5000' });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const stats = async () => (await (await fetch(`${gateway.url}/queue/stats`)).json()) as { models: Record<string, { active: number; queued: number; rejected: number; served: number; timed_out: number; abandoned: number; wait_ms: { max: number } }> };

  it('holds a streamed answer\'s slot until the stream ends, queues the next, refuses past the queue with 503', async () => {
    const ollama = new Ollama({ host: gateway.url });
    const streamed: number[] = [];
    let streamEnded = 0;
    const first = (async () => {
      for await (const part of await ollama.generate({ model: 'llama3.2', prompt: 'long story', stream: true })) streamed.push(part.response?.length ?? 0);
      streamEnded = Date.now();
    })();
    await until(() => fake.active === 1);
    // Same model, spelled without the tag: the same queue.
    const second = post(gateway.url, '/api/generate', { ...generate, model: 'llama3.2:latest' }).then(async (r) => ({ status: r.status, at: Date.now() }));
    await until(async () => (await stats()).models['llama3.2:latest']?.queued === 1);

    const full = await post(gateway.url, '/api/chat', { model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('1');
    expect(((await full.json()) as { error: string }).error).toMatch(/^server busy: 1 request\(s\) for model "llama3.2:latest" are running and 1 waiting \(OLLAMA_MAX_QUEUE\)/);
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const error = await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 503, code: 'queue_full', type: 'api_error' });
    await expect(ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status_code: 503 });
    // Another model is not held up.
    expect((await post(gateway.url, '/api/generate', { ...generate, model: 'qwen2.5:0.5b' })).status).toBe(200);

    await first;
    const { status, at } = await second;
    expect(status).toBe(200);
    expect(streamed.length).toBeGreaterThan(10);
    // The queued request reached the upstream only after the stream's last byte.
    const upstreamOrder = fake.requests.filter((r) => (r.json as { model?: string }).model?.startsWith('llama3.2')).map((r) => (r.json as { stream?: boolean }).stream);
    expect(upstreamOrder).toEqual([true, false]);
    expect(at).toBeGreaterThanOrEqual(streamEnded - 5);
    const s = (await stats()).models['llama3.2:latest'];
    expect(s).toMatchObject({ active: 0, queued: 0, rejected: 3, served: 2 });
    // The same on the admin port, and a summary in its /stats.
    expect(((await (await fetch(`${gateway.adminUrl}/queue/stats`)).json()) as Awaited<ReturnType<typeof stats>>).models['llama3.2:latest']).toEqual(s);
    expect(((await (await fetch(`${gateway.adminUrl}/stats`)).json()) as { queue: unknown }).queue).toMatchObject({ backend: 'memory', num_parallel: 1, active: 0, rejected: 3 });
    expect(s.wait_ms.max).toBeGreaterThan(100);
  });

  it('frees the slot when the client leaves mid-stream or while queued, and when the upstream fails', async () => {
    const first = new AbortController();
    const res = await fetch(`${gateway.url}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'qwen2.5:0.5b', prompt: 'story' }), signal: first.signal });
    const reader = res.body!.getReader();
    await reader.read();
    // Queued behind it, then gives up.
    const queued = new AbortController();
    const waiting = fetch(`${gateway.url}/api/generate`, { method: 'POST', body: JSON.stringify({ ...generate, model: 'qwen2.5:0.5b' }), signal: queued.signal }).catch((e: Error) => e.name);
    await until(async () => (await stats()).models['qwen2.5:0.5b']?.queued === 1);
    queued.abort();
    expect(await waiting).toBe('AbortError');
    await until(async () => (await stats()).models['qwen2.5:0.5b']?.queued === 0);
    first.abort();
    await fake.waitForCancelled(1);
    await until(async () => (await stats()).models['qwen2.5:0.5b']?.active === 0);
    expect(fake.requests).toHaveLength(1);

    fake.failNext(500, { error: 'model crashed' });
    const failed = await post(gateway.url, '/api/generate', { ...generate, model: 'qwen2.5:0.5b' });
    expect(failed.status).toBe(500);
    expect((await post(gateway.url, '/api/generate', { ...generate, model: 'qwen2.5:0.5b' })).status).toBe(200);
    expect((await stats()).models['qwen2.5:0.5b']).toMatchObject({ active: 0, queued: 0, abandoned: 1 });
  });

  it('holds the slot through a guarded stream, and frees it when the guard blocks', async () => {
    // No guard-inference: degraded mode scans in the gateway, window by window, like the real guard.
    const policy = tempFile('config.yaml', 'policies:\n  default:\n    output:\n      ban_substrings: { substrings: ["forbidden phrase"], action: block }\n');
    const guarded = await startGateway({ OLLAMA_URL: fake.url, OLLAMA_NUM_PARALLEL: '1', GUARD_URL: 'dns:///127.0.0.1:1', GUARD_DEADLINE_MS: '200', CONFIG_FILE: policy });
    try {
      const ollama = new Ollama({ host: guarded.url });
      let streamEnded = 0;
      const stream = (async () => {
        for await (const _part of await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'count' }], stream: true }));
        streamEnded = Date.now();
      })();
      await until(() => fake.active === 1);
      const next = post(guarded.url, '/api/generate', generate).then(() => Date.now());
      await stream;
      expect(await next).toBeGreaterThanOrEqual(streamEnded - 5);

      fake.setReply(() => 'here it comes: the forbidden phrase, and more words to stream along');
      const consume = async () => {
        for await (const _part of await ollama.generate({ model: 'llama3.2', prompt: 'go on', stream: true }));
      };
      await expect(consume()).rejects.toThrow('The answer was blocked by the content guard.');
      fake.reset();
      expect((await post(guarded.url, '/api/generate', generate)).status).toBe(200);
      const stats = (await (await fetch(`${guarded.url}/queue/stats`)).json()) as { models: Record<string, { active: number }> };
      expect(stats.models['llama3.2:latest'].active).toBe(0);
    } finally {
      await guarded.close();
    }
  });

  it('answers 503 when no slot frees up within the queue timeout', async () => {
    const quick = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, OLLAMA_NUM_PARALLEL: '1', QUEUE_TIMEOUT_MS: '150' });
    try {
      fake.hangNext();
      const hung = new AbortController();
      const hanging = fetch(`${quick.url}/api/generate`, { method: 'POST', body: JSON.stringify(generate), signal: hung.signal }).catch(() => undefined);
      await until(() => fake.active === 1);
      const late = await post(quick.url, '/v1/completions', { model: 'llama3.2', prompt: 'hi' });
      expect(late.status).toBe(503);
      expect(await late.json()).toEqual({
        error: { message: 'server busy: no slot for model "llama3.2:latest" within 150 ms (QUEUE_TIMEOUT_MS); try again later', type: 'api_error', param: null, code: 'queue_timeout' },
      });
      hung.abort();
      await hanging;
    } finally {
      await quick.close();
    }
  });
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('per-model slots shared across replicas through Redis', () => {
  let fake: FakeOllama;
  let redis: RedisProcess;
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 20, firstChunkDelayMs: 5 });
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.close()));
    await redis?.stop();
    await fake?.close();
  });

  const start = async () => {
    const gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, OLLAMA_NUM_PARALLEL: '1', QUEUE_BACKEND: 'redis', QUEUE_LEASE_MS: '1000', REDIS_PORT: String(redis.port) });
    gateways.push(gateway);
    return gateway;
  };
  const queueStats = async (gateway: RunningGateway) =>
    (await (await fetch(`${gateway.url}/queue/stats`)).json()) as { backend: string; models: Record<string, { active: number; queued: number }> };

  it('lets one request per model run across two gateways, a stream holding the slot to its end', async () => {
    const [a, b] = [await start(), await start()];
    expect((await queueStats(a)).backend).toBe('redis');
    await until(async () => (await redis.client().ping()) === 'PONG');
    const ollama = new Ollama({ host: a.url });
    let streamEnded = 0;
    const stream = (async () => {
      for await (const _part of await ollama.generate({ model: 'llama3.2', prompt: 'long story', stream: true }));
      streamEnded = Date.now();
    })();
    await until(() => fake.active === 1);
    const onB = post(b.url, '/api/generate', generate).then((r) => ({ status: r.status, at: Date.now() }));
    await until(async () => (await queueStats(b)).models['llama3.2:latest']?.queued === 1);
    expect(fake.active).toBe(1);
    // Another model is free on either replica.
    expect((await post(b.url, '/api/generate', { ...generate, model: 'qwen2.5:0.5b' })).status).toBe(200);
    await stream;
    const { status, at } = await onB;
    expect(status).toBe(200);
    expect(at).toBeGreaterThanOrEqual(streamEnded - 5);
    expect(await redis.client().zcard('ollama-guard:slots:{llama3.2:latest}')).toBe(0);
  });

  it('frees the slots of a replica that died once their lease runs out', async () => {
    const [a] = gateways.length ? gateways : [await start()];
    // A slot held by a replica that is gone: it never renews, never releases.
    const [seconds, micros] = (await redis.client().time()).map(Number);
    await redis.client().zadd('ollama-guard:slots:{llama3.2:latest}', seconds * 1000 + Math.floor(micros / 1000) + 800, 'dead-replica-slot');
    const t0 = Date.now();
    expect((await post(a.url, '/api/generate', generate)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThan(500);
  });

  it('limits per replica while Redis is down', async () => {
    const [a, b] = gateways;
    await redis.kill();
    await until(async () => {
      const r = await post(a.url, '/api/generate', generate);
      return r.status === 200;
    });
    fake.hangNext();
    const hung = new AbortController();
    const hanging = fetch(`${a.url}/api/generate`, { method: 'POST', body: JSON.stringify(generate), signal: hung.signal }).catch(() => undefined);
    await until(() => fake.active === 1);
    // a's own slot is taken; b still has its own.
    expect((await post(b.url, '/api/generate', generate)).status).toBe(200);
    await until(async () => (await queueStats(a)).models['llama3.2:latest']?.active === 1);
    const queuedOnA = post(a.url, '/api/generate', generate).then((r) => r.status);
    await until(async () => (await queueStats(a)).models['llama3.2:latest']?.queued === 1);
    hung.abort();
    await hanging;
    expect(await queuedOnA).toBe(200);
    await redis.restart();
  });
});
