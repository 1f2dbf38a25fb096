import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';

// The official `openai` client pointed at the gateway's /v1, the way Open WebUI and SDK users do.
describe('OpenAI API through the gateway (official openai client)', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 3 });
    gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const lastRequest = () => fake.requests[fake.requests.length - 1];

  it('creates a chat completion', async () => {
    const completion = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
      ],
      temperature: 0.2,
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0].message.content?.length).toBeGreaterThan(0);
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(lastRequest().path).toBe('/v1/chat/completions');
    expect((lastRequest().json as { temperature: number }).temperature).toBe(0.2);
  });

  it('streams a chat completion over SSE with usage at the end', async () => {
    const stream = await openai.chat.completions.create({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Tell me a story' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined | null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('keeps the SSE framing byte for byte, [DONE] included', async () => {
    const body = JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const [viaGateway, direct] = await Promise.all(
      [gateway.url, fake.url].map((base) => fetch(`${base}/v1/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })),
    );
    expect(viaGateway.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    const normalize = (text: string) => text.replace(/"(id|created)":("[^"]*"|\d+)/g, '"$1":_');
    expect(normalize(await viaGateway.text())).toBe(normalize(await direct.text()));
  });

  it('creates legacy completions, streaming and not', async () => {
    const completion = await openai.completions.create({ model: 'llama3.2', prompt: 'Once upon a time' });
    expect(completion.choices[0].text.length).toBeGreaterThan(0);
    let text = '';
    for await (const chunk of await openai.completions.create({ model: 'llama3.2', prompt: 'Once upon a time', stream: true })) {
      text += chunk.choices[0]?.text ?? '';
    }
    expect(text).toBe(completion.choices[0].text);
  });

  it('creates embeddings and lists and retrieves models', async () => {
    const embeddings = await openai.embeddings.create({ model: 'nomic-embed-text', input: ['a', 'b'] });
    expect(embeddings.data).toHaveLength(2);
    const models = [];
    for await (const model of openai.models.list()) models.push(model.id);
    expect(models).toContain('llama3.2:latest');
    expect((await openai.models.retrieve('llama3.2:latest')).id).toBe('llama3.2:latest');
  });

  it('passes upstream errors through as the SDK expects them', async () => {
    const error = await openai.models.retrieve('no-such-model').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const chatError = await openai.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(chatError).toBeInstanceOf(OpenAI.NotFoundError);
    expect((chatError as InstanceType<typeof OpenAI.APIError>).message).toContain('no-such-model');
  });

  it('reports the gateway’s own validation errors in OpenAI’s shape', async () => {
    const error = await openai.chat.completions
      .create({ model: 'llama3.2', messages: [{ role: 'user', content: 'x' }, 'oops' as never] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_type', param: 'messages[1]', type: 'invalid_request_error' });
  });

  it('stops the upstream generation when the client aborts a stream', async () => {
    fake.setReply(() => 'word '.repeat(500));
    const controller = new AbortController();
    const stream = await openai.chat.completions.create(
      { model: 'llama3.2', messages: [{ role: 'user', content: 'long' }], stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    // The SDK ends the iteration quietly or throws an abort error, depending on timing; both are fine.
    await (async () => {
      for await (const _ of stream) if (++chunks === 3) controller.abort();
    })().catch((error: unknown) => expect(error).toBeInstanceOf(OpenAI.APIUserAbortError));
    expect(chunks).toBeLessThan(10);
    await fake.waitForCancelled(1, 2_000);
    expect(fake.active).toBe(0);
  });
});
