import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { NO_GUARD, startGateway } from '../support/gateway.harness.js';

describe('graceful shutdown', () => {
  let fake: FakeOllama;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 20 });
  });
  afterAll(() => fake?.close());

  it('lets a stream in flight finish before the gateway closes', async () => {
    const gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url });
    const res = await request(`${gateway.url}/api/chat`, { method: 'POST', body: '{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}' });
    const lines: Array<{ done: boolean }> = [];
    let closed = false;
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += chunk;
      if (lines.length === 0 && buffer.includes('\n')) {
        void gateway.close().then(() => (closed = true));
      }
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts.filter(Boolean).map((line) => JSON.parse(line)));
    }
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[lines.length - 1].done).toBe(true);
    await expect.poll(() => closed, { timeout: 2_000 }).toBe(true);
  });

  it('cuts streams still running when the shutdown timeout expires', async () => {
    fake.setReply(() => 'word '.repeat(1_000));
    const gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, GATEWAY_SHUTDOWN_TIMEOUT_MS: '200' });
    const res = await request(`${gateway.url}/api/generate`, { method: 'POST', body: '{"model":"llama3.2","prompt":"long"}' });
    const started = Date.now();
    const reading = res.body.text().catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await gateway.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await reading).toBeInstanceOf(Error);
    await fake.waitForCancelled(1, 2_000);
    fake.reset();
  });
});
