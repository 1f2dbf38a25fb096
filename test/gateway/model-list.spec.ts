// A key limited to some models sees only those in the listings, through the official clients.
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { keysFile } from '../support/access.harness.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';

describe('model listings under API keys', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fake = await startFakeOllama();
    gateway = await startGateway({
      ...NO_GUARD,
      OLLAMA_URL: fake.url,
      API_KEYS_FILE: keysFile([
        { name: 'llama-only', key: 'sk-llama-0123456789', models: ['llama3.2'] },
        { name: 'qwen-family', key: 'sk-qwen-0123456789', models: ['qwen2.5:*'] },
        { name: 'all', key: 'sk-all-0123456789' },
      ]),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  const ollama = (key: string) => new Ollama({ host: gateway.url, headers: { authorization: `Bearer ${key}` } });
  const openai = (key: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });

  it('narrows /api/tags to the key’s models', async () => {
    expect((await ollama('sk-llama-0123456789').list()).models.map((m) => m.name)).toEqual(['llama3.2:latest']);
    expect((await ollama('sk-qwen-0123456789').list()).models.map((m) => m.name)).toEqual(['qwen2.5:0.5b']);
    const everything = (await ollama('sk-all-0123456789').list()).models.map((m) => m.name);
    expect(everything).toEqual(expect.arrayContaining(['llama3.2:latest', 'qwen2.5:0.5b', 'nomic-embed-text:latest']));
  });

  it('narrows /v1/models the same way', async () => {
    const ids = async (key: string) => (await openai(key).models.list()).data.map((m) => m.id);
    expect(await ids('sk-llama-0123456789')).toEqual(['llama3.2:latest']);
    expect((await ids('sk-all-0123456789')).length).toBeGreaterThanOrEqual(3);
  });

  it('passes upstream errors through unchanged', async () => {
    fake.failNext(500, 'boom');
    const res = await fetch(`${gateway.url}/api/tags`, { headers: { authorization: 'Bearer sk-llama-0123456789' } });
    expect(res.status).toBe(500);
  });
});
