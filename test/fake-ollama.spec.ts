import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Ollama, type ChatResponse, type GenerateResponse } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startFakeOllama, type FakeOllama } from './fixtures/fake-ollama/index.js';

const post = (url: string, body: string, init: RequestInit = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' }, ...init });

describe('fake Ollama', () => {
  let fake: FakeOllama;
  let ollama: Ollama;
  let openai: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 2 });
    ollama = new Ollama({ host: fake.url });
    openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(() => fake?.close());
  beforeEach(() => fake.reset());

  describe('native API through the ollama client', () => {
    it('generates a deterministic, prompt-echoing answer without streaming', async () => {
      const a = await ollama.generate({ model: 'llama3.2', prompt: 'Why is the sky blue?', stream: false });
      const b = await ollama.generate({ model: 'llama3.2', prompt: 'Why is the sky blue?', stream: false });
      expect(a).toMatchObject({ model: 'llama3.2', done: true, done_reason: 'stop' });
      expect(a.response).toContain('Why is the sky blue?');
      expect(a.response).toBe(b.response);
      expect(a.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(a.eval_count).toBeGreaterThan(10);
      expect(a.prompt_eval_count).toBeGreaterThan(0);
      expect(a.context).toHaveLength(a.prompt_eval_count + a.eval_count);
      expect(a.total_duration).toBeGreaterThanOrEqual(a.load_duration + a.prompt_eval_duration + a.eval_duration);
    });

    it('streams generate as NDJSON, one token per line, ending with the metrics', async () => {
      const res = await post(`${fake.url}/api/generate`, '{"model":"llama3.2","prompt":"hi"}');
      expect(res.headers.get('content-type')).toBe('application/x-ndjson');
      expect(res.headers.get('transfer-encoding')).toBe('chunked');

      const parts: GenerateResponse[] = [];
      for await (const part of await ollama.generate({ model: 'llama3.2', prompt: 'Tell me a story', stream: true })) parts.push(part);
      expect(parts.length).toBeGreaterThan(10);
      expect(parts.slice(0, -1).every((p) => !p.done && p.response !== '')).toBe(true);
      const last = parts[parts.length - 1]!;
      expect(last).toMatchObject({ done: true, done_reason: 'stop', response: '', eval_count: parts.length - 1 });
      const whole = await ollama.generate({ model: 'llama3.2', prompt: 'Tell me a story', stream: false });
      expect(parts.map((p) => p.response).join('')).toBe(whole.response);
    });

    it('honours num_predict, stop and format', async () => {
      const short = await ollama.generate({ model: 'llama3.2', prompt: 'x', stream: false, options: { num_predict: 3 } });
      expect(short).toMatchObject({ done_reason: 'length', eval_count: 3 });
      expect(short.response!.split(' ')).toHaveLength(3);

      const stopped = await ollama.generate({ model: 'llama3.2', prompt: 'x', stream: false, options: { stop: ['deterministic'] } });
      expect(stopped.response).toMatch(/This is a $/);

      const json = await ollama.generate({ model: 'llama3.2', prompt: 'sky', format: 'json', stream: false });
      expect(JSON.parse(json.response!)).toEqual({ response: expect.stringContaining('sky') });
      const schema = { type: 'object', properties: { age: { type: 'integer' }, ok: { type: 'boolean' } }, required: ['age'] };
      const structured = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'age?' }], format: schema, stream: false });
      expect(JSON.parse(structured.message.content)).toEqual({ age: 42, ok: true });
    });

    it('answers load and unload requests for an empty prompt', async () => {
      const loaded = await ollama.generate({ model: 'llama3.2', prompt: '' });
      expect(loaded).toMatchObject({ response: '', done: true, done_reason: 'load' });
      expect((await ollama.ps()).models.map((m) => m.name)).toEqual(['llama3.2:latest']);
      const unloaded = await ollama.chat({ model: 'llama3.2', messages: [], keep_alive: 0 });
      expect(unloaded).toMatchObject({ message: { role: 'assistant', content: '' }, done_reason: 'unload' });
      expect((await ollama.ps()).models).toEqual([]);
    });

    it('chats, streamed and not, answering the last user message', async () => {
      const messages = [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'second question' },
      ];
      const whole = await ollama.chat({ model: 'qwen2.5:0.5b', messages, stream: false });
      expect(whole.message).toEqual({ role: 'assistant', content: expect.stringContaining('second question') });
      expect(whole.done_reason).toBe('stop');

      const parts: ChatResponse[] = [];
      for await (const part of await ollama.chat({ model: 'qwen2.5:0.5b', messages, stream: true })) parts.push(part);
      expect(parts.map((p) => p.message.content).join('')).toBe(whole.message.content);
      expect(parts.every((p) => p.message.role === 'assistant')).toBe(true);
      expect(parts[parts.length - 1]).toMatchObject({ done: true, message: { content: '' }, eval_count: parts.length - 1 });
    });

    it('calls a tool the user asks for, and answers in text once the tool replied', async () => {
      const tools = [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city', 'unit'] },
          },
        },
      ];
      const ask = { role: 'user', content: 'Use get_weather for Paris' };
      const call = await ollama.chat({ model: 'llama3.2', messages: [ask], tools, stream: false });
      expect(call.message.content).toBe('');
      expect(call.message.tool_calls).toEqual([
        { id: expect.stringMatching(/^call_[a-z0-9]{8}$/), function: { index: 0, name: 'get_weather', arguments: { city: 'Use get_weather for Paris', unit: 'celsius' } } },
      ]);

      const streamed: ChatResponse[] = [];
      for await (const part of await ollama.chat({ model: 'llama3.2', messages: [ask], tools, stream: true })) streamed.push(part);
      expect(streamed).toHaveLength(2);
      expect(streamed[0]!.message.tool_calls?.[0]?.function.name).toBe('get_weather');

      const after = await ollama.chat({
        model: 'llama3.2',
        messages: [ask, call.message, { role: 'tool', content: '21 degrees' }],
        tools,
        stream: false,
      });
      expect(after.message.tool_calls).toBeUndefined();
      expect(after.message.content.length).toBeGreaterThan(0);
    });

    it('embeds deterministic unit vectors, one per input', async () => {
      const res = await ollama.embed({ model: 'nomic-embed-text', input: ['one', 'two'] });
      expect(res.model).toBe('nomic-embed-text');
      expect(res.embeddings).toHaveLength(2);
      expect(res.embeddings[0]).toHaveLength(8);
      expect(res.embeddings[0]).not.toEqual(res.embeddings[1]);
      expect(Math.hypot(...res.embeddings[0]!)).toBeCloseTo(1, 5);
      expect((await ollama.embed({ model: 'nomic-embed-text', input: 'one' })).embeddings).toEqual([res.embeddings[0]]);
      expect(res.prompt_eval_count).toBeGreaterThan(0);
      // The legacy route widens float32 to float64, so it prints every digit of the same values.
      expect((await ollama.embeddings({ model: 'nomic-embed-text', prompt: 'one' })).embedding).toEqual(res.embeddings[0]!.map(Math.fround));
    });

    it('lists, shows, copies and deletes models', async () => {
      expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
      const list = await ollama.list();
      expect(list.models.map((m) => m.name)).toEqual(['llama3.2:latest', 'qwen2.5:0.5b', 'nomic-embed-text:latest']);
      expect(list.models[0]).toMatchObject({
        model: 'llama3.2:latest',
        size: expect.any(Number),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        details: { format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
      });

      const show = await ollama.show({ model: 'llama3.2' });
      expect(show.modelfile).toContain('FROM /root/.ollama/models/blobs/sha256-');
      expect(show.parameters).toContain('stop');
      expect(show.template).toContain('<|start_header_id|>');
      // Typed as a Map by the client, but it is plain JSON on the wire.
      expect((show.model_info as unknown as Record<string, unknown>)['llama.context_length']).toBe(131072);
      expect(show.capabilities).toEqual(['completion', 'tools']);

      await ollama.copy({ source: 'llama3.2', destination: 'my-llama' });
      expect((await ollama.list()).models[0]!.name).toBe('my-llama:latest');
      await ollama.delete({ model: 'my-llama' });
      expect((await ollama.list()).models.map((m) => m.name)).not.toContain('my-llama:latest');
      await expect(ollama.delete({ model: 'my-llama' })).rejects.toMatchObject({ status_code: 404, error: "model 'my-llama' not found" });
      await expect(ollama.copy({ source: 'nope', destination: 'x' })).rejects.toMatchObject({ status_code: 404 });
    });

    it('streams pull progress and installs the model', async () => {
      const statuses: string[] = [];
      let sawProgress = false;
      for await (const p of await ollama.pull({ model: 'gemma3:1b', stream: true })) {
        statuses.push(p.status);
        if (p.completed && p.total && p.completed < p.total) sawProgress = true;
      }
      expect(statuses[0]).toBe('pulling manifest');
      expect(statuses.slice(-3)).toEqual(['verifying sha256 digest', 'writing manifest', 'success']);
      expect(statuses[1]).toMatch(/^pulling [0-9a-f]{12}$/);
      expect(sawProgress).toBe(true);
      expect((await ollama.list()).models[0]!.name).toBe('gemma3:1b');
      expect(await ollama.pull({ model: 'qwen2.5:0.5b', stream: false })).toEqual({ status: 'success' });

      const pushed: string[] = [];
      for await (const p of await ollama.push({ model: 'gemma3:1b', stream: true })) pushed.push(p.status);
      expect(pushed[0]).toBe('retrieving manifest');
      expect(pushed.slice(-2)).toEqual(['pushing manifest', 'success']);

      const created: string[] = [];
      for await (const p of await ollama.create({ model: 'pirate', from: 'llama3.2', system: 'Talk like a pirate', stream: true })) created.push(p.status);
      expect(created.slice(-2)).toEqual(['writing manifest', 'success']);
      expect((await ollama.show({ model: 'pirate' })).system).toBe('Talk like a pirate');
    });

    it('fails like Ollama on unknown models, missing fields and bad JSON', async () => {
      await expect(ollama.generate({ model: 'no-such-model', prompt: 'hi' })).rejects.toMatchObject({
        name: 'ResponseError',
        status_code: 404,
        error: 'model "no-such-model" not found, try pulling it first',
      });
      await expect(ollama.show({ model: 'no-such-model' })).rejects.toMatchObject({ status_code: 404, error: "model 'no-such-model' not found" });
      await expect(ollama.chat({ model: '', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status_code: 400, error: 'model is required' });
      await expect(ollama.chat({ model: 'nomic-embed-text', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
        status_code: 400,
        error: '"nomic-embed-text" does not support chat',
      });

      const bad = await post(`${fake.url}/api/chat`, '{"model":');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await bad.json()).toEqual({ error: 'unexpected EOF' });
      const wrongType = await post(`${fake.url}/api/generate`, '{"model":"llama3.2","stream":"yes"}');
      expect(await wrongType.json()).toEqual({ error: 'json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool' });
      expect(await (await post(`${fake.url}/api/generate`, '')).json()).toEqual({ error: 'missing request body' });
    });

    it('escapes HTML characters in JSON the way Go does', async () => {
      fake.setReply(() => '<b>&</b>');
      const res = await post(`${fake.url}/api/generate`, '{"model":"llama3.2","prompt":"x","stream":false}');
      const text = await res.text();
      expect(text).toContain('"response":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"');
      expect(JSON.parse(text).response).toBe('<b>&</b>');
    });
  });

  describe('OpenAI compatibility through the openai client', () => {
    it('answers chat completions', async () => {
      const completion = await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'Say hi' }] });
      expect(completion).toMatchObject({
        id: expect.stringMatching(/^chatcmpl-\d+$/),
        object: 'chat.completion',
        model: 'llama3.2',
        system_fingerprint: 'fp_ollama',
        choices: [{ index: 0, message: { role: 'assistant', content: expect.stringContaining('Say hi') }, finish_reason: 'stop' }],
      });
      const { prompt_tokens, completion_tokens, total_tokens } = completion.usage!;
      expect(total_tokens).toBe(prompt_tokens + completion_tokens);

      const limited = await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'x' }], max_tokens: 2 });
      expect(limited.choices[0]!.finish_reason).toBe('length');
      expect(limited.usage?.completion_tokens).toBe(2);
    });

    it('streams chat completions as SSE with a usage chunk and [DONE]', async () => {
      const stream = await openai.chat.completions.create({
        model: 'llama3.2',
        messages: [{ role: 'user', content: 'Say hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const usage = chunks.pop()!;
      expect(usage.choices).toEqual([]);
      expect(usage.usage?.completion_tokens).toBe(chunks.length - 1);
      expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
      expect(chunks.at(-1)!.choices[0]).toMatchObject({ delta: { content: '' }, finish_reason: 'stop' });
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);

      const raw = await post(`${fake.url}/v1/chat/completions`, '{"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"stream":true}');
      expect(raw.headers.get('content-type')).toBe('text/event-stream');
      const text = await raw.text();
      expect(text.endsWith('"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n')).toBe(true);
      expect(text).not.toContain('"usage"');
    });

    it('streams tool calls with finish_reason tool_calls', async () => {
      const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];
      const whole = await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'please lookup cats' }], tools });
      expect(whole.choices[0]).toMatchObject({
        finish_reason: 'tool_calls',
        message: { content: '', tool_calls: [{ type: 'function', function: { name: 'lookup', arguments: '{"q":"please lookup cats"}' } }] },
      });
      const finishes = [];
      for await (const c of await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'lookup' }], tools, stream: true })) {
        finishes.push(c.choices[0]?.finish_reason);
      }
      expect(finishes).toEqual([null, 'tool_calls']);
    });

    it('answers legacy completions, streamed and not', async () => {
      const completion = await openai.completions.create({ model: 'llama3.2', prompt: 'Once upon a time' });
      expect(completion).toMatchObject({ object: 'text_completion', id: expect.stringMatching(/^cmpl-\d+$/), choices: [{ index: 0, finish_reason: 'stop' }] });
      let text = '';
      let usage;
      for await (const c of await openai.completions.create({ model: 'llama3.2', prompt: 'Once upon a time', stream: true, stream_options: { include_usage: true } })) {
        text += c.choices[0]?.text ?? '';
        if (c.choices.length === 0) usage = c.usage;
      }
      expect(text).toBe(completion.choices[0]!.text);
      expect(usage).toEqual(completion.usage);
    });

    it('embeds in float and base64, matching the native vectors', async () => {
      const native = await ollama.embed({ model: 'nomic-embed-text', input: ['a', 'b'] });
      const viaSdk = await openai.embeddings.create({ model: 'nomic-embed-text', input: ['a', 'b'] });
      expect(viaSdk).toMatchObject({ object: 'list', model: 'nomic-embed-text', usage: { prompt_tokens: expect.any(Number) } });
      expect(viaSdk.data.map((d) => d.index)).toEqual([0, 1]);
      // JSON carries Go's shortest float32 digits, base64 the float32 bits themselves.
      expect(viaSdk.data.map((d) => Array.from(d.embedding))).toEqual(native.embeddings.map((v) => v.map(Math.fround)));
      const floats = await openai.embeddings.create({ model: 'nomic-embed-text', input: 'a', encoding_format: 'float' });
      expect(floats.data[0]!.embedding).toEqual(native.embeddings[0]);
      expect(String(floats.data[0]!.embedding[0]).length).toBeLessThan(12);
    });

    it('lists and retrieves models', async () => {
      const models = [];
      for await (const m of openai.models.list()) models.push(m);
      expect(models[0]).toEqual({ id: 'llama3.2:latest', object: 'model', created: expect.any(Number), owned_by: 'library' });
      expect(models).toHaveLength(3);
      expect(await openai.models.retrieve('qwen2.5:0.5b')).toMatchObject({ id: 'qwen2.5:0.5b', object: 'model' });
    });

    it('fails with OpenAI-shaped errors', async () => {
      const missing = await openai.models.retrieve('no-such-model').catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
      const chat = await openai.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(chat).toBeInstanceOf(OpenAI.NotFoundError);
      expect((chat as InstanceType<typeof OpenAI.APIError>).error).toEqual({
        message: 'model "no-such-model" not found, try pulling it first',
        type: 'not_found_error',
        param: null,
        code: null,
      });
      const empty = await openai.chat.completions.create({ model: 'llama3.2', messages: [] }).catch((e: unknown) => e);
      expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
      expect((empty as InstanceType<typeof OpenAI.APIError>).message).toContain("[] is too short - 'messages'");
    });
  });

  describe('HTTP surface', () => {
    it('answers the root, HEAD included, and 404/405 like gin', async () => {
      const root = await fetch(`${fake.url}/`);
      expect(root.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await root.text()).toBe('Ollama is running');
      expect((await fetch(fake.url, { method: 'HEAD' })).status).toBe(200);
      const missing = await fetch(`${fake.url}/api/nothing`);
      expect([missing.status, missing.headers.get('content-type'), await missing.text()]).toEqual([404, 'text/plain', '404 page not found']);
      const wrongMethod = await fetch(`${fake.url}/api/chat`);
      expect([wrongMethod.status, await wrongMethod.text()]).toEqual([405, '405 method not allowed']);
    });

    it('records every request byte for byte before answering', async () => {
      const body = '{"model":"llama3.2","prompt":"x","stream":false,"future_field":{"nested":[1,"two",null]},"x":1.50}';
      await post(`${fake.url}/api/generate?trace=1`, body, { headers: { 'content-type': 'application/json', 'x-custom': 'yes' } });
      await post(`${fake.url}/api/generate`, 'not json');
      const [first, second] = fake.requests;
      expect(first).toMatchObject({ method: 'POST', path: '/api/generate?trace=1', headers: { 'x-custom': 'yes' } });
      expect(first!.body.toString()).toBe(body);
      expect(first!.json).toEqual(JSON.parse(body));
      expect(second!.body.toString()).toBe('not json');
      expect(second).not.toHaveProperty('json');
    });

    it('checks uploaded blobs against their digest', async () => {
      const blob = Buffer.from('GGUF fake weights');
      const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
      expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
      const wrong = await fetch(`${fake.url}/api/blobs/sha256:${'0'.repeat(64)}`, { method: 'POST', body: blob });
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: string }).error).toMatch(/^digest mismatch, expected "sha256:0{64}", got "sha256:[0-9a-f]{64}"$/);
      expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'POST', body: blob })).status).toBe(201);
      expect((await fetch(`${fake.url}/api/blobs/${digest}`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${fake.url}/api/blobs/not-a-digest`, { method: 'HEAD' })).status).toBe(400);
    });

    it('answers failNext once, then behaves normally again', async () => {
      fake.failNext(500, { error: 'llama runner process has terminated' });
      await expect(ollama.list()).rejects.toMatchObject({ status_code: 500, error: 'llama runner process has terminated' });
      fake.failNext(503, 'busy', 'text/plain');
      const busy = await fetch(`${fake.url}/api/tags`);
      expect([busy.status, busy.headers.get('content-type'), await busy.text()]).toEqual([503, 'text/plain', 'busy']);
      expect((await ollama.list()).models).toHaveLength(3);
    });

    it('hangs the next request until the client gives up', async () => {
      fake.hangNext();
      await expect(fetch(`${fake.url}/api/tags`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
      await fake.waitForCancelled(1, 2000);
      expect(fake.active).toBe(0);
      expect((await fetch(`${fake.url}/api/tags`)).status).toBe(200);
    });

    it('reset restores models, reply, counters and queued overrides', async () => {
      await ollama.delete({ model: 'llama3.2' });
      fake.setReply(() => 'changed');
      fake.failNext(500, 'x');
      fake.reset();
      expect(fake.requests).toHaveLength(0);
      expect((await ollama.list()).models).toHaveLength(3);
      expect((await ollama.generate({ model: 'llama3.2', prompt: 'x' })).response).toContain('deterministic');
    });
  });

  describe('cancellation and timing', () => {
    let slow: FakeOllama;
    beforeAll(async () => {
      slow = await startFakeOllama({ chunkDelayMs: 20, firstChunkDelayMs: 50 });
    });
    afterAll(() => slow?.close());

    it('stops generating when the ollama client aborts', async () => {
      slow.setReply(() => 'word '.repeat(200));
      const client = new Ollama({ host: slow.url });
      const stream = await client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'x' }], stream: true });
      let seen = 0;
      await expect(
        (async () => {
          for await (const _ of stream) if (++seen === 3) client.abort();
        })(),
      ).rejects.toThrow(/abort/i);
      await slow.waitForCancelled(1, 2000);
      expect(slow.active).toBe(0);
    });

    it('counts an aborted OpenAI stream and an abandoned non-streamed answer', async () => {
      slow.reset();
      const client = new OpenAI({ baseURL: `${slow.url}/v1`, apiKey: 'x', maxRetries: 0 });
      const controller = new AbortController();
      const stream = await client.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'x' }], stream: true }, { signal: controller.signal });
      let seen = 0;
      // The SDK ends the iteration quietly on abort instead of throwing.
      for await (const _ of stream) if (++seen === 2) controller.abort();
      expect(seen).toBe(2);
      await slow.waitForCancelled(1, 2000);

      await expect(post(`${slow.url}/api/chat`, '{"model":"llama3.2","messages":[{"role":"user","content":"x"}],"stream":false}', { signal: AbortSignal.timeout(10) })).rejects.toThrow();
      await slow.waitForCancelled(2, 2000);
      expect(slow.active).toBe(0);
    });

    it('counts generations cut short by close() once it resolves', async () => {
      const closing = await startFakeOllama({ chunkDelayMs: 1000 });
      const pending = post(`${closing.url}/api/generate`, '{"model":"llama3.2","prompt":"x"}').then((r) => r.text()).catch(() => 'closed');
      closing.hangNext();
      const hung = fetch(`${closing.url}/api/tags`).catch(() => 'closed');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closing.active).toBe(2);
      await closing.close();
      expect([closing.active, closing.cancelled]).toEqual([0, 2]);
      expect([await pending, await hung]).toEqual(['closed', 'closed']);
    });

    it('paces tokens: first chunk after firstChunkDelayMs, then chunkDelayMs apart', async () => {
      slow.reset();
      slow.setReply(() => 'one two three four five');
      const started = performance.now();
      const arrivals: number[] = [];
      for await (const _ of await new Ollama({ host: slow.url }).generate({ model: 'llama3.2', prompt: 'x', stream: true })) arrivals.push(performance.now() - started);
      expect(arrivals).toHaveLength(6);
      expect(arrivals[0]).toBeGreaterThanOrEqual(45);
      expect(arrivals[5]! - arrivals[0]!).toBeGreaterThanOrEqual(5 * 18);
      await expect(slow.waitForCancelled(1, 50)).rejects.toThrow(/expected 1 cancelled/);
    });
  });

  it('runs standalone from main.ts and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', './scripts/register-swc.mjs', 'test/fixtures/fake-ollama/main.ts', '--port', '0', '--chunk-delay', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const url = /fake-ollama listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line.toString())?.[1];
    expect(url).toBeDefined();
    const res = await new Ollama({ host: url }).chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false });
    expect(res.done).toBe(true);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
