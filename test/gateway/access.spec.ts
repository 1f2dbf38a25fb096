import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama/index.js';
import { NO_GUARD, startGateway, type RunningGateway } from '../support/gateway.harness.js';
import { keysFile, sha256, startGatewayOn, tempFile } from '../support/access.harness.js';

const generate = { model: 'llama3.2', prompt: 'hi', stream: false as const };
const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('client identity and IP lists', () => {
  let fake: FakeOllama;
  const gateways: RunningGateway[] = [];
  const start = async (env: Record<string, string>, host = '127.0.0.1') => {
    const gateway = await startGatewayOn(host, { ...NO_GUARD, OLLAMA_URL: fake.url, ...env });
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

  it('ignores a spoofed X-Forwarded-For from an untrusted address', async () => {
    const gateway = await start({ IP_ALLOWLIST: '10.0.0.0/8' });
    const ollama = await post(gateway.url, '/api/generate', generate, { 'x-forwarded-for': '10.1.2.3', 'x-real-ip': '10.1.2.3' });
    expect(ollama.status).toBe(403);
    expect(await ollama.json()).toEqual({ error: 'access denied: client address 127.0.0.1 is not allowed' });
    const openai = await post(gateway.url, '/v1/chat/completions', { model: 'llama3.2', messages: [] }, { 'x-forwarded-for': '10.1.2.3' });
    expect(openai.status).toBe(403);
    expect(await openai.json()).toEqual({
      error: { message: 'access denied: client address 127.0.0.1 is not allowed', type: 'permission_error', param: null, code: 'ip_not_allowed' },
    });
    // Refused before anything reached the upstream, on unknown paths too.
    expect((await fetch(`${gateway.url}/nowhere`)).status).toBe(403);
    expect(fake.requests).toHaveLength(0);
  });

  it('uses X-Forwarded-For from a trusted proxy, walking from the right', async () => {
    const gateway = await start({ TRUSTED_PROXIES: '127.0.0.1/32', IP_ALLOWLIST: '10.0.0.0/8' });
    expect((await post(gateway.url, '/api/generate', generate, { 'x-forwarded-for': '10.1.2.3' })).status).toBe(200);
    // The client wrote 10.9.9.9 itself; the proxy appended its real address.
    const spoofed = await post(gateway.url, '/api/generate', generate, { 'x-forwarded-for': '10.9.9.9, 203.0.113.7' });
    expect(spoofed.status).toBe(403);
    expect(((await spoofed.json()) as { error: string }).error).toContain('203.0.113.7');
    expect((await post(gateway.url, '/api/generate', generate, { 'x-real-ip': '10.4.4.4' })).status).toBe(200);
    // No header: the proxy itself is the client.
    expect((await post(gateway.url, '/api/generate', generate)).status).toBe(403);
  });

  it('denies listed addresses even when allowed, and keeps the Python proxy name NGINX_WHITELIST', async () => {
    const gateway = await start({ TRUSTED_PROXIES: '127.0.0.1', NGINX_WHITELIST: '10.0.0.0/8', IP_DENYLIST: '10.6.0.0/16' });
    expect((await post(gateway.url, '/api/generate', generate, { 'x-forwarded-for': '10.5.0.1' })).status).toBe(200);
    expect((await post(gateway.url, '/api/generate', generate, { 'x-forwarded-for': '10.6.0.1' })).status).toBe(403);
    expect((await post(gateway.url, '/api/generate', generate, { 'x-forwarded-for': '192.168.0.1' })).status).toBe(403);
  });

  it('serves IPv6 clients and matches IPv4-mapped clients of a dual-stack socket against IPv4 lists', async () => {
    const v6 = await start({ IP_ALLOWLIST: '::1/128' }, '::1');
    const overV6 = await post(`http://[::1]:${v6.port}`, '/api/generate', generate);
    expect(overV6.status).toBe(200);

    // On `::`, an IPv4 client arrives as ::ffff:127.0.0.1 and is 127.0.0.1 to the lists.
    const dual = await start({ IP_ALLOWLIST: '127.0.0.0/8', IP_DENYLIST: '::1' }, '::');
    expect((await post(`http://127.0.0.1:${dual.port}`, '/api/generate', generate)).status).toBe(200);
    const refused = await post(`http://[::1]:${dual.port}`, '/api/generate', generate);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('access denied: client address ::1 is not allowed');

    const mappedDeny = await start({ IP_DENYLIST: '::ffff:127.0.0.1/128' }, '::');
    expect((await post(`http://127.0.0.1:${mappedDeny.port}`, '/api/generate', generate)).status).toBe(403);
    expect((await post(`http://[::1]:${mappedDeny.port}`, '/api/generate', generate)).status).toBe(200);

    // A trusted IPv6 proxy forwarding an IPv4 client.
    const proxied = await start({ TRUSTED_PROXIES: '::1', IP_ALLOWLIST: '198.51.100.0/24' }, '::1');
    expect((await post(`http://[::1]:${proxied.port}`, '/api/generate', generate, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
    expect((await post(`http://[::1]:${proxied.port}`, '/api/generate', generate, { 'x-forwarded-for': '198.51.101.20' })).status).toBe(403);
  });

  it('stops at start-up on a list entry that is not a CIDR, naming the key', async () => {
    await expect(start({ IP_ALLOWLIST: '10.0.0.0/8,10.0.0.300' })).rejects.toThrow(
      'access.ip_allowlist (IP_ALLOWLIST): "10.0.0.300" is not an IPv4 or IPv6 address or CIDR',
    );
    await expect(start({ TRUSTED_PROXIES: '10.0.0.0/40' })).rejects.toThrow('access.trusted_proxies (TRUSTED_PROXIES): "10.0.0.0/40": the prefix length must be 0 to 32');
  });
});

describe('API keys', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;
  let file: string;
  const KEYS = [
    { name: 'webui', key: 'sk-webui-0123456789' },
    { name: 'llama-only', key: 'sk-llama-0123456789', models: ['llama3.2'] },
    { name: 'strict-user', key: 'sk-strict-0123456789', policy: 'strict' },
  ];

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 0 });
    file = keysFile(KEYS);
    // No guard-inference: degraded mode runs the policies' rule scanners in the gateway, which is
    // enough to see which policy a key selected.
    const config = tempFile('config.yaml', 'policies:\n  strict:\n    input:\n      ban_substrings: { substrings: ["project falcon"], action: block }\n');
    gateway = await startGateway({
      OLLAMA_URL: fake.url,
      CONFIG_FILE: config,
      API_KEYS_FILE: file,
      API_KEYS_RELOAD_MS: '100',
      GUARD_URL: 'dns:///127.0.0.1:1',
      GUARD_DEADLINE_MS: '200',
      ENABLE_OUTPUT_GUARD: 'false',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  it('refuses requests without a key or with a wrong one, in each API shape', async () => {
    const missing = await post(gateway.url, '/api/generate', generate);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="ollama-guard"');
    expect(await missing.json()).toEqual({ error: 'missing API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"' });
    const basic = await post(gateway.url, '/api/generate', generate, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(await basic.json()).toEqual({ error: 'unsupported Authorization header: expected "Bearer <API key>"' });

    const ollama = new Ollama({ host: gateway.url, headers: { authorization: 'Bearer sk-wrong' } });
    await expect(ollama.generate(generate)).rejects.toMatchObject({ status_code: 401, error: 'invalid API key' });
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await openai.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'authentication_error' });
    expect(fake.requests).toHaveLength(0);
  });

  it('accepts a key as Bearer token or x-api-key, and does not pass it upstream', async () => {
    fake.reset();
    const ollama = new Ollama({ host: gateway.url, headers: { authorization: 'Bearer sk-webui-0123456789' } });
    expect((await ollama.generate(generate)).done).toBe(true);
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-webui-0123456789', maxRetries: 0 });
    expect((await openai.models.list()).data.length).toBeGreaterThan(0);
    expect((await post(gateway.url, '/api/generate', generate, { 'x-api-key': 'sk-webui-0123456789' })).status).toBe(200);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-api-key']).toBeUndefined();
    }
    // The banner and the stats are not API routes.
    expect((await fetch(`${gateway.url}/`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/queue/stats`)).status).toBe(200);
  });

  it('keeps a model-restricted key to its models', async () => {
    const headers = { authorization: 'Bearer sk-llama-0123456789' };
    expect((await post(gateway.url, '/api/generate', { ...generate, model: 'llama3.2:latest' }, headers)).status).toBe(200);
    const refused = await post(gateway.url, '/api/chat', { model: 'qwen2.5:0.5b', messages: [], stream: false }, headers);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'model "qwen2.5:0.5b" is not allowed for this API key' });
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-llama-0123456789', maxRetries: 0 });
    const error = await openai.embeddings.create({ model: 'nomic-embed-text', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'model_not_allowed', param: 'model' });
    expect((await post(gateway.url, '/api/show', { model: 'qwen2.5:0.5b' }, headers)).status).toBe(403);
    expect((await post(gateway.url, '/api/copy', { source: 'llama3.2', destination: 'mine' }, headers)).status).toBe(403);
    expect((await fetch(`${gateway.url}/v1/models/qwen2.5:0.5b`, { headers })).status).toBe(403);
  });

  it('lets a key select its scanner policy', async () => {
    const prompt = { model: 'llama3.2', prompt: 'tell me about project falcon', stream: false };
    const byDefault = await post(gateway.url, '/api/generate', prompt, { authorization: 'Bearer sk-webui-0123456789' });
    expect(byDefault.status).toBe(200);
    const strict = await post(gateway.url, '/api/generate', prompt, { authorization: 'Bearer sk-strict-0123456789' });
    expect(strict.status).toBe(403);
    expect(strict.headers.get('x-guard-scanners')).toContain('ban_substrings');
  });

  it('picks up a rotated keys file without a restart, and keeps the old keys when the new file is broken', async () => {
    writeFileSync(file, JSON.stringify({ keys: [{ name: 'rotated', sha256: sha256('sk-rotated-0123456789') }] }));
    const until = Date.now() + 3_000;
    while ((await post(gateway.url, '/api/generate', generate, { 'x-api-key': 'sk-rotated-0123456789' })).status !== 200) {
      if (Date.now() > until) throw new Error('the rotated key was not picked up');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await post(gateway.url, '/api/generate', generate, { 'x-api-key': 'sk-webui-0123456789' })).status).toBe(401);
    writeFileSync(file, 'keys: [ {');
    await new Promise((r) => setTimeout(r, 300));
    expect((await post(gateway.url, '/api/generate', generate, { 'x-api-key': 'sk-rotated-0123456789' })).status).toBe(200);
  });

  it('does not start with a keys file that is missing or broken', async () => {
    await expect(startGateway({ ...NO_GUARD, API_KEYS_FILE: '/nonexistent/keys.yaml' })).rejects.toThrow(/access\.api_keys_file \(API_KEYS_FILE\): cannot read/);
    await expect(startGateway({ ...NO_GUARD, API_KEYS_FILE: tempFile('k.yaml', 'keys:\n  - name: x\n    sha256: nope\n') })).rejects.toThrow(
      /keys\[0\]\.sha256: expected 64 hex digits/,
    );
  });
});

describe('CORS and security headers', () => {
  let fake: FakeOllama;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fake = await startFakeOllama({ chunkDelayMs: 1 });
    gateway = await startGateway({ ...NO_GUARD, OLLAMA_URL: fake.url, CORS_ORIGINS: 'https://chat.example.com', API_KEYS_FILE: keysFile([{ name: 'a', key: 'sk-a-0123456789' }]) });
  });
  afterAll(async () => {
    await gateway?.close();
    await fake?.close();
  });

  it('answers preflights for allowed origins without asking for a key, and refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const ok = await preflight('https://chat.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-max-age')).toBe('600');
    const other = await preflight('https://evil.example.net');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends CORS and security headers on streamed answers too, never the upstream\'s CORS headers', async () => {
    const res = await post(gateway.url, '/api/generate', { model: 'llama3.2', prompt: 'a story' }, { origin: 'https://chat.example.com', 'x-api-key': 'sk-a-0123456789' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    await res.text();
    // The upstream never sees the browser's Origin (it would apply its own CORS policy).
    expect(fake.requests[fake.requests.length - 1].headers.origin).toBeUndefined();
    const refused = await post(gateway.url, '/api/generate', generate, { origin: 'https://chat.example.com' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
