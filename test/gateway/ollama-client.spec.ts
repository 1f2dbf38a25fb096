import { Ollama, type ChatResponse, type GenerateResponse } from 'ollama';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';

// The official `ollama` client talks to the gateway exactly as it would to Ollama.
describe('Ollama API through the gateway (official ollama client)', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;
  let ollama: Ollama;
  let direct: Ollama;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 3 });
    gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url });
    ollama = new Ollama({ host: gateway.url });
    direct = new Ollama({ host: fake.url });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const lastRequest = () => fake.requests[fake.requests.length - 1];
  const withoutTimings = (r: GenerateResponse | ChatResponse) => {
    const { created_at, total_duration, load_duration, prompt_eval_duration, eval_duration, ...rest } = r as unknown as Record<string, unknown>;
    return rest;
  };

  it('generates without streaming and answers like Ollama itself', async () => {
    const viaGateway = await ollama.generate({ model: 'llama3.2', prompt: 'Why is the sky blue?', stream: false });
    const viaDirect = await direct.generate({ model: 'llama3.2', prompt: 'Why is the sky blue?', stream: false });
    expect(viaGateway.done).toBe(true);
    expect(viaGateway.response?.length).toBeGreaterThan(0);
    expect(withoutTimings(viaGateway)).toEqual(withoutTimings(viaDirect));
  });

  it('streams generate as NDJSON chunk by chunk, ending with done', async () => {
    const parts: GenerateResponse[] = [];
    for await (const part of await ollama.generate({ model: 'llama3.2', prompt: 'Tell me a story', stream: true })) parts.push(part);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.slice(0, -1).every((p) => !p.done)).toBe(true);
    const last = parts[parts.length - 1];
    expect(last).toMatchObject({ done: true, done_reason: 'stop' });
    expect(last.eval_count).toBeGreaterThan(0);
    const whole = await ollama.generate({ model: 'llama3.2', prompt: 'Tell me a story', stream: false });
    expect(parts.map((p) => p.response).join('')).toBe(whole.response);
  });

  it('passes every field of the body through untouched, unknown ones included', async () => {
    const request = {
      model: 'llama3.2',
      prompt: 'describe',
      system: 'be brief',
      images: ['aGVsbG8='],
      format: 'json',
      options: { temperature: 0.1, num_ctx: 4096, seed: 42 },
      keep_alive: '5m',
      think: false,
      raw: false,
      context: [1, 2, 3],
      stream: false as const,
    };
    await ollama.generate(request);
    expect(lastRequest().path).toBe('/api/generate');
    expect(lastRequest().json).toEqual(request);

    const body = '{"model":"llama3.2","prompt":"x","stream":false,"future_field":{"nested":[1,"two",null]},"x":1.50}';
    const res = await fetch(`${gateway.url}/api/generate`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(lastRequest().body.toString()).toBe(body);
  });

  it('chats with streaming and without, tools included', async () => {
    const messages = [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Hello there' },
    ];
    const whole = await ollama.chat({ model: 'llama3.2', messages, stream: false });
    expect(whole.message.role).toBe('assistant');
    let streamed = '';
    let last: ChatResponse | undefined;
    for await (const part of await ollama.chat({ model: 'llama3.2', messages, stream: true })) {
      streamed += part.message.content;
      last = part;
    }
    expect(streamed).toBe(whole.message.content);
    expect(last?.done).toBe(true);

    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools, stream: false });
    expect((lastRequest().json as { tools: unknown }).tools).toEqual(tools);
  });

  it('embeds (new and legacy routes)', async () => {
    const embed = await ollama.embed({ model: 'nomic-embed-text', input: ['one', 'two'] });
    expect(embed.embeddings).toHaveLength(2);
    expect(embed.embeddings).toEqual((await direct.embed({ model: 'nomic-embed-text', input: ['one', 'two'] })).embeddings);
    const legacy = await ollama.embeddings({ model: 'nomic-embed-text', prompt: 'one' });
    expect(legacy.embedding.length).toBeGreaterThan(0);
  });

  it('lists, shows, copies, deletes and reports running models and the version', async () => {
    const list = await ollama.list();
    expect(list.models.map((m) => m.name)).toEqual((await direct.list()).models.map((m) => m.name));
    const show = await ollama.show({ model: 'llama3.2' });
    expect(show.details).toBeDefined();
    expect(await ollama.ps()).toHaveProperty('models');
    expect((await ollama.version()).version).toMatch(/^\d+\.\d+/);
    await ollama.copy({ source: 'llama3.2', destination: 'llama3.2-backup' });
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/api/copy' });
    await ollama.delete({ model: 'llama3.2-backup' });
    expect(lastRequest()).toMatchObject({ method: 'DELETE', path: '/api/delete' });
  });

  it('streams pull progress to the end', async () => {
    const statuses: string[] = [];
    let sawProgress = false;
    for await (const progress of await ollama.pull({ model: 'qwen2.5:0.5b', stream: true })) {
      statuses.push(progress.status);
      if (progress.total && progress.completed !== undefined) sawProgress = true;
    }
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses[statuses.length - 1]).toBe('success');
    expect(sawProgress).toBe(true);
    expect((await ollama.pull({ model: 'qwen2.5:0.5b', stream: false })).status).toBe('success');
  });

  it('passes upstream errors through with status and message', async () => {
    const error = await ollama.generate({ model: 'no-such-model', prompt: 'hi', stream: false }).catch((e: unknown) => e);
    const directError = await direct.generate({ model: 'no-such-model', prompt: 'hi', stream: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseError', status_code: 404 });
    expect((error as Error).message).toBe((directError as Error).message);
    await expect(ollama.show({ model: 'no-such-model' })).rejects.toMatchObject({ status_code: 404 });
  });

  it('stops the upstream generation when the client aborts mid-stream', async () => {
    const client = new Ollama({ host: gateway.url });
    fake.setReply(() => 'word '.repeat(500));
    const stream = await client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'long answer please' }], stream: true });
    let chunks = 0;
    await expect(
      (async () => {
        for await (const _ of stream) {
          if (++chunks === 3) client.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await fake.waitForCancelled(1, 2_000);
    expect(fake.active).toBe(0);
  });

  it('answers the root and blob routes like Ollama', async () => {
    const root = await fetch(`${gateway.url}/`);
    expect(await root.text()).toBe('Ollama is running');
    expect((await fetch(`${gateway.url}/`, { method: 'HEAD' })).status).toBe(200);

    const blob = Buffer.from('GGUF fake model bytes '.repeat(1000));
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    expect((await fetch(`${gateway.url}/api/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
    const upload = await fetch(`${gateway.url}/api/blobs/${digest}`, { method: 'POST', body: blob, headers: { 'content-type': 'application/octet-stream' } });
    expect(upload.status).toBe(201);
    expect(lastRequest().body.equals(blob)).toBe(true);
    expect((await fetch(`${gateway.url}/api/blobs/${digest}`, { method: 'HEAD' })).status).toBe(200);
    const wrong = await fetch(`${gateway.url}/api/blobs/sha256:${'0'.repeat(64)}`, { method: 'POST', body: blob });
    expect(wrong.status).toBe(400);
  });
});
