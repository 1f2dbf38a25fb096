import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { freePort } from '../support/free-port.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';

describe('upstream failures', () => {
  const gateways: RunningGateway[] = [];
  let fake: FakeOllama;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 3 });
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.close()));
    fake.reset();
  });
  afterAll(() => fake?.close());

  async function gatewayTo(env: Record<string, string>) {
    const gateway = await startGateway({ ...NO_GUARD, ...env });
    gateways.push(gateway);
    return gateway;
  }

  it('answers 502 in each API’s shape when the upstream is unreachable', async () => {
    const port = await freePort();
    const gateway = await gatewayTo({ OLLAMA_URL: `http://127.0.0.1:${port}` });
    const ollama = await request(`${gateway.url}/api/chat`, { method: 'POST', body: '{"model":"m","messages":[]}' });
    expect(ollama.statusCode).toBe(502);
    expect((await ollama.body.json()) as object).toEqual({ error: expect.stringMatching(/^upstream unreachable: .*ECONNREFUSED/) });
    const openai = await request(`${gateway.url}/v1/models`);
    expect(openai.statusCode).toBe(502);
    expect(((await openai.body.json()) as any).error).toMatchObject({ type: 'api_error', code: 'upstream_unreachable', message: expect.stringContaining('upstream unreachable') });
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    const gateway = await gatewayTo({ OLLAMA_URL: fake.url, UPSTREAM_HEADERS_TIMEOUT_MS: '300' });
    fake.hangNext();
    const started = Date.now();
    const res = await request(`${gateway.url}/api/generate`, { method: 'POST', body: '{"model":"llama3.2","prompt":"hi","stream":false}' });
    expect(res.statusCode).toBe(504);
    expect(((await res.body.json()) as any).error).toMatch(/^upstream timed out/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes upstream error statuses, bodies and content types through unchanged', async () => {
    const gateway = await gatewayTo({ OLLAMA_URL: fake.url });
    fake.failNext(500, { error: 'llama runner process has terminated: exit status 2' });
    const res = await request(`${gateway.url}/api/generate`, { method: 'POST', body: '{"model":"llama3.2","prompt":"hi"}' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await res.body.json()).toEqual({ error: 'llama runner process has terminated: exit status 2' });

    fake.failNext(503, 'server busy, please try again.  maximum pending requests exceeded', 'text/plain; charset=utf-8');
    const busy = await request(`${gateway.url}/api/chat`, { method: 'POST', body: '{"model":"llama3.2","messages":[]}' });
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await busy.body.text()).toContain('maximum pending requests exceeded');
  });

  it('ends an NDJSON stream with an error line when the upstream stalls mid-stream', async () => {
    const slow = await startFakeOllama({ chunkDelayMs: 1_000, firstChunkDelayMs: 0 });
    try {
      const gateway = await gatewayTo({ OLLAMA_URL: slow.url, UPSTREAM_BODY_TIMEOUT_MS: '200' });
      const res = await request(`${gateway.url}/api/generate`, { method: 'POST', body: '{"model":"llama3.2","prompt":"hi"}' });
      expect(res.statusCode).toBe(200);
      const lines = (await res.body.text()).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines[0].done).toBe(false);
      expect(lines[lines.length - 1]).toEqual({ error: expect.stringMatching(/^upstream stopped sending/) });
      await slow.waitForCancelled(1, 2_000);
    } finally {
      await slow.close();
    }
  });

  it('ends an SSE stream with an error event when the upstream stalls mid-stream', async () => {
    const slow = await startFakeOllama({ chunkDelayMs: 1_000, firstChunkDelayMs: 0 });
    try {
      const gateway = await gatewayTo({ OLLAMA_URL: slow.url, UPSTREAM_BODY_TIMEOUT_MS: '200' });
      const res = await request(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        body: '{"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"stream":true}',
      });
      const events = (await res.body.text()).trim().split('\n\n');
      const last = JSON.parse(events[events.length - 1].replace(/^data: /, ''));
      expect(last.error).toMatchObject({ type: 'api_error', code: 'upstream_timeout' });
    } finally {
      await slow.close();
    }
  });

  it('cancels the upstream request when the client leaves before the answer starts', async () => {
    const slow = await startFakeOllama({ chunkDelayMs: 5, firstChunkDelayMs: 5_000 });
    try {
      const gateway = await gatewayTo({ OLLAMA_URL: slow.url });
      const controller = new AbortController();
      const pending = fetch(`${gateway.url}/api/generate`, { method: 'POST', body: '{"model":"llama3.2","prompt":"think hard","stream":false}', signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slow.active).toBe(1);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      await slow.waitForCancelled(1, 2_000);
      expect(slow.active).toBe(0);
    } finally {
      await slow.close();
    }
  });
});
