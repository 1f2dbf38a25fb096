import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { Readable } from 'node:stream';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';

// Bad input always gets a 4xx in the API's own error shape, and never reaches the upstream.
describe('bad input', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 0 });
    gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, GATEWAY_BODY_LIMIT: '4kb' });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  async function post(path: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    const res = await request(`${gateway.url}${path}`, { method: 'POST', body, headers });
    return { status: res.statusCode, type: String(res.headers['content-type']), json: (await res.body.json()) as any };
  }

  const ollamaCases: Array<[string, string, string, RegExp]> = [
    ['malformed JSON', '/api/chat', '{"model": "llama3.2", "messages": [', /^invalid JSON in request body: /],
    ['empty body', '/api/generate', '', /^missing request body/],
    ['array instead of object', '/api/generate', '[1,2]', /^request body must be a JSON object, got array$/],
    ['missing model', '/api/generate', '{"prompt":"hi"}', /^model is required$/],
    ['model of the wrong type', '/api/generate', '{"model":42,"prompt":"hi"}', /^invalid type for "model": expected a string, got number$/],
    ['prompt of the wrong type', '/api/generate', '{"model":"m","prompt":{"text":"hi"}}', /^invalid type for "prompt": expected a string, got object$/],
    ['stream of the wrong type', '/api/chat', '{"model":"m","stream":"yes"}', /^invalid type for "stream": expected a boolean, got string$/],
    ['messages not a list', '/api/chat', '{"model":"m","messages":"hi"}', /^invalid type for "messages": expected an array or null, got string$/],
    ['message content not a string', '/api/chat', '{"model":"m","messages":[{"role":"user","content":{"x":1}}]}', /^invalid type for "messages\[0\].content": expected a string, got object$/],
    ['message without role', '/api/chat', '{"model":"m","messages":[{"content":"hi"}]}', /^"messages\[0\].role" is required$/],
    ['embed input of the wrong type', '/api/embed', '{"model":"m","input":[1,2]}', /^invalid type for "input"/],
    ['copy without destination', '/api/copy', '{"source":"m"}', /^destination is required$/],
  ];

  it.each(ollamaCases)('Ollama API: %s gives 400 {"error": "..."}', async (_name, path, body, message) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.json)).toEqual(['error']);
    expect(res.json.error).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  const openaiCases: Array<[string, string, string, string, string | null]> = [
    ['malformed JSON', '/v1/chat/completions', '{"model":', 'invalid_json', null],
    ['missing messages', '/v1/chat/completions', '{"model":"m"}', 'missing_field', 'messages'],
    ['model of the wrong type', '/v1/chat/completions', '{"model":["m"],"messages":[]}', 'invalid_type', 'model'],
    ['stream of the wrong type', '/v1/chat/completions', '{"model":"m","messages":[],"stream":1}', 'invalid_type', 'stream'],
    ['content part without type', '/v1/chat/completions', '{"model":"m","messages":[{"role":"user","content":[{"text":"x"}]}]}', 'missing_field', 'messages[0].content[0].type'],
    ['prompt of the wrong type', '/v1/completions', '{"model":"m","prompt":{"a":1}}', 'invalid_type', 'prompt'],
    ['embedding without input', '/v1/embeddings', '{"model":"m"}', 'missing_field', 'input'],
  ];

  it.each(openaiCases)('OpenAI API: %s gives 400 {"error": {message, type, param, code}}', async (_name, path, body, code, param) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code, param });
    expect(typeof res.json.error.message).toBe('string');
    expect(res.json.error.message.length).toBeGreaterThan(5);
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects bodies over the limit with 413, declared or chunked, in both shapes', async () => {
    const big = JSON.stringify({ model: 'm', prompt: 'x'.repeat(5000) });
    const declared = await post('/api/generate', big);
    expect(declared.status).toBe(413);
    expect(declared.json.error).toMatch(/larger than the limit of 4000 bytes \(GATEWAY_BODY_LIMIT\)/);

    const chunked = await request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: Readable.from(Array.from({ length: 10 }, () => Buffer.from('x'.repeat(1000)))),
    });
    expect(chunked.statusCode).toBe(413);
    expect(((await chunked.body.json()) as any).error).toMatchObject({ code: 'body_too_large', type: 'invalid_request_error' });
    expect(fake.requests).toHaveLength(0);
  });

  it('streams blob uploads past the JSON body limit', async () => {
    const blob = Buffer.alloc(256 * 1024, 7);
    const res = await request(`${gateway.url}/api/blobs/sha256:${'0'.repeat(64)}`, { method: 'POST', body: blob });
    await res.body.dump();
    expect(res.statusCode).toBe(400); // the upstream checked the digest: the whole body reached it
    expect(fake.requests[0].body.length).toBe(blob.length);
  });

  it('accepts JSON whatever the content type says, as Ollama does (curl -d)', async () => {
    const res = await post('/api/generate', '{"model":"llama3.2","prompt":"hi","stream":false}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.json.done).toBe(true);
  });

  it('answers unknown routes and methods with 404 in the API’s shape', async () => {
    const ollama = await request(`${gateway.url}/api/unknown`);
    expect(ollama.statusCode).toBe(404);
    expect(Object.keys((await ollama.body.json()) as object)).toEqual(['error']);
    const wrongMethod = await request(`${gateway.url}/api/chat`);
    expect(wrongMethod.statusCode).toBe(404);
    await wrongMethod.body.dump();
    const openai = await request(`${gateway.url}/v1/unknown`, { method: 'POST', body: '{}' });
    expect(openai.statusCode).toBe(404);
    expect(((await openai.body.json()) as any).error).toMatchObject({ type: 'not_found_error', code: 'not_found' });
    expect(fake.requests).toHaveLength(0);
  });
});
