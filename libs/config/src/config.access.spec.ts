import { describe, expect, it } from 'vitest';
import { problemsOf, yamlFile } from '../test/config.fixtures.js';
import { loadConfig } from './config.loader.js';

describe('access, rate limit and queue configuration', () => {
  it('defaults to an open gateway with no limits', () => {
    const config = loadConfig({ env: {} });
    expect(config.access).toMatchObject({ trusted_proxies: [], ip_allowlist: [], ip_denylist: [], api_keys_file: '', cors_origins: [], security_headers: true });
    expect(config.rate_limit).toMatchObject({ backend: 'memory', rpm: 0, tpm: 0, burst: 0, by: 'auto', ipv6_prefix: 64 });
    expect(config.queue).toMatchObject({ num_parallel: 0, max_queue: 512, timeout_ms: 60_000 });
  });

  it('reads the names from the issue, NGINX_WHITELIST included', () => {
    const config = loadConfig({
      env: {
        TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8',
        NGINX_WHITELIST: '192.168.0.0/16,::1',
        IP_DENYLIST: '192.168.66.0/24',
        RATE_LIMIT_RPM: '120',
        OLLAMA_NUM_PARALLEL: '4',
        OLLAMA_MAX_QUEUE: '16',
      },
    });
    expect(config.access).toMatchObject({ trusted_proxies: ['10.0.0.0/8', 'fd00::/8'], ip_allowlist: ['192.168.0.0/16', '::1'], ip_denylist: ['192.168.66.0/24'] });
    expect(config.rate_limit.rpm).toBe(120);
    expect(config.queue).toMatchObject({ num_parallel: 4, max_queue: 16 });
    // The new name wins over the alias.
    expect(loadConfig({ env: { IP_ALLOWLIST: '10.0.0.1', NGINX_WHITELIST: '10.0.0.2' } }).access.ip_allowlist).toEqual(['10.0.0.1']);
  });

  it('takes flat YAML keys and nested sections alike', () => {
    const flat = loadConfig({
      env: { CONFIG_FILE: yamlFile('trusted_proxies: [10.0.0.1]\nnginx_whitelist: "10.0.0.0/8"\nip_denylist: [10.6.0.0/16]\nrate_limit_rpm: 30\nollama_num_parallel: 2\nollama_max_queue: 8\n') },
    });
    expect(flat.access).toMatchObject({ trusted_proxies: ['10.0.0.1'], ip_allowlist: ['10.0.0.0/8'], ip_denylist: ['10.6.0.0/16'] });
    expect(flat.rate_limit.rpm).toBe(30);
    expect(flat.queue).toMatchObject({ num_parallel: 2, max_queue: 8 });
    const nested = loadConfig({ env: { CONFIG_FILE: yamlFile('access:\n  cors_origins: [https://chat.example.com]\nrate_limit:\n  backend: auto\n  tpm: 1000\nqueue:\n  timeout_ms: 500\n') } });
    expect(nested.access.cors_origins).toEqual(['https://chat.example.com']);
    expect(nested.rate_limit).toMatchObject({ backend: 'auto', tpm: 1000 });
    expect(nested.queue.timeout_ms).toBe(500);
  });

  it('rejects address lists, origins and combinations that cannot work, naming the key', () => {
    expect(
      problemsOf(() =>
        loadConfig({ env: { TRUSTED_PROXIES: 'proxy.local', NGINX_WHITELIST: '10.0.0.0/33', IP_DENYLIST: '::1/129', CORS_ORIGINS: 'chat.example.com,https://ok.example.com,https://x.example.com/path', RATE_LIMIT_BY: 'key' } }),
      ),
    ).toEqual([
      'access.trusted_proxies (TRUSTED_PROXIES): "proxy.local" is not an IPv4 or IPv6 address or CIDR',
      'access.ip_allowlist (IP_ALLOWLIST): "10.0.0.0/33": the prefix length must be 0 to 32',
      'access.ip_denylist (IP_DENYLIST): "::1/129": the prefix length must be 0 to 128',
      'access.cors_origins (CORS_ORIGINS): expected an origin such as https://chat.example.com (scheme, host, optional port) or *, got "chat.example.com"',
      'access.cors_origins (CORS_ORIGINS): expected an origin such as https://chat.example.com (scheme, host, optional port) or *, got "https://x.example.com/path"',
      'rate_limit.by (RATE_LIMIT_BY): `key` needs API keys: set access.api_keys_file (API_KEYS_FILE)',
    ]);
    expect(problemsOf(() => loadConfig({ env: { RATE_LIMIT_RPM: '-1', OLLAMA_NUM_PARALLEL: 'four' } }))).toEqual([
      'rate_limit.rpm (env RATE_LIMIT_RPM): expected an integer from 0 to 9007199254740991, got -1',
      'queue.num_parallel (env OLLAMA_NUM_PARALLEL): expected an integer, got "four"',
    ]);
    // A rate limiter on Redis needs its topology like the cache does.
    expect(problemsOf(() => loadConfig({ env: { RATE_LIMIT_BACKEND: 'auto', REDIS_MODE: 'cluster' } }))).toEqual([
      'redis.cluster_nodes (REDIS_CLUSTER_NODES): required when redis.mode is cluster',
    ]);
  });
});
