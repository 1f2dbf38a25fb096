import { describe, expect, it } from 'vitest';
import { problemsOf, yamlFile } from '../test/config.fixtures.js';
import { loadConfig } from './config.loader.js';

describe('cache and redis configuration', () => {
  it('defaults to an in-process cache that needs no Redis', () => {
    const config = loadConfig({ env: {} });
    expect(config.cache).toMatchObject({ enabled: true, backend: 'memory', ttl: 3600, max_size: 10_000 });
    expect(config.redis).toMatchObject({ mode: 'standalone', host: '127.0.0.1', port: 6379, db: 0, command_timeout_ms: 50 });
  });

  it('keeps the Python proxy environment names', () => {
    const config = loadConfig({
      env: {
        CACHE_ENABLED: 'false',
        CACHE_BACKEND: 'AUTO',
        CACHE_TTL: '120',
        CACHE_MAX_SIZE: '50',
        REDIS_HOST: 'redis.internal',
        REDIS_PORT: '6380',
        REDIS_DB: '3',
        REDIS_PASSWORD: 's3cret',
        REDIS_MAX_CONNECTIONS: '8',
      },
    });
    expect(config.cache).toMatchObject({ enabled: false, backend: 'auto', ttl: 120, max_size: 50 });
    expect(config.redis).toMatchObject({ host: 'redis.internal', port: 6380, db: 3, password: 's3cret', max_connections: 8 });
  });

  it('keeps the Python proxy flat YAML keys next to the nested sections', () => {
    const file = yamlFile('cache_backend: redis\ncache_ttl: 90\nredis_host: flat-host\nredis_port: 6390\ncache:\n  max_size: 7\n');
    const config = loadConfig({ env: { CONFIG_FILE: file } });
    expect(config.cache).toMatchObject({ backend: 'redis', ttl: 90, max_size: 7 });
    expect(config.redis).toMatchObject({ host: 'flat-host', port: 6390 });
  });

  it('names the flat YAML key when its value is wrong', () => {
    const file = yamlFile('redis_port: nope\n');
    expect(problemsOf(() => loadConfig({ env: { CONFIG_FILE: file } }))).toEqual([`redis.port (${file} redis_port): expected an integer, got "nope"`]);
  });

  it('requires the Sentinels in sentinel mode and the nodes in cluster mode, only when Redis is used', () => {
    expect(problemsOf(() => loadConfig({ env: { CACHE_BACKEND: 'redis', REDIS_MODE: 'sentinel' } }))).toEqual([
      'redis.sentinels (REDIS_SENTINELS): required when redis.mode is sentinel',
    ]);
    expect(problemsOf(() => loadConfig({ env: { CACHE_BACKEND: 'auto', REDIS_MODE: 'cluster' } }))).toEqual([
      'redis.cluster_nodes (REDIS_CLUSTER_NODES): required when redis.mode is cluster',
    ]);
    expect(loadConfig({ env: { CACHE_BACKEND: 'memory', REDIS_MODE: 'cluster' } }).redis.mode).toBe('cluster');
  });

  it('rejects malformed node lists and URLs, naming the key', () => {
    const problems = problemsOf(() => loadConfig({ env: { REDIS_SENTINELS: 'a:26379,b', REDIS_URL: 'http://x:1' } }));
    expect(problems).toEqual([
      'redis.sentinels (REDIS_SENTINELS): expected host:port, got "b"',
      'redis.url (REDIS_URL): expected a redis:// or rediss:// URL, got http:',
    ]);
  });

  it('refuses an admin port that is also the API port, naming both keys', () => {
    expect(problemsOf(() => loadConfig({ env: { GATEWAY_PORT: '9090' } }))).toEqual(['gateway.admin_port (GATEWAY_ADMIN_PORT): 9090 is also gateway.port (GATEWAY_PORT)']);
    expect(problemsOf(() => loadConfig({ env: { INFERENCE_ADMIN_PORT: '50051' } }))).toEqual(['inference.admin_port (INFERENCE_ADMIN_PORT): 50051 is also inference.port (GUARD_PORT)']);
  });
});
