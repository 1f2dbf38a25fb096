import { describe, expect, it } from 'vitest';
import { problemsOf, yamlFile } from '../test/config.fixtures.js';
import { configEntries, loadConfig } from './config.loader.js';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({ env: {} });
    expect(config.upstream.url).toBe('http://127.0.0.1:11434');
    expect(config.gateway.port).toBe(8080);
    expect(config.gateway.body_limit).toBe(32 * 1024 * 1024);
    expect(config.upstream.headers_timeout_ms).toBe(300_000);
  });

  it('takes the environment over the YAML file over defaults, with nested sections', () => {
    const file = yamlFile('upstream:\n  url: http://ollama:11434/\n  connect_timeout_ms: 250\ngateway:\n  port: 9000\n  body_limit: 2MiB\n');
    const config = loadConfig({ env: { CONFIG_FILE: file, GATEWAY_PORT: '9100' } });
    expect(config.gateway.port).toBe(9100);
    expect(config.upstream.url).toBe('http://ollama:11434');
    expect(config.upstream.connect_timeout_ms).toBe(250);
    expect(config.gateway.body_limit).toBe(2 * 1024 * 1024);
    expect(config.upstream.body_timeout_ms).toBe(300_000);
  });

  it('freezes the result so no module can change it at run time', () => {
    const config = loadConfig({ env: {} });
    expect(Object.isFrozen(config.upstream)).toBe(true);
  });

  it('names the key, its source and the problem for every bad value at once', () => {
    const problems = problemsOf(() => loadConfig({ env: { GATEWAY_PORT: 'eighty', OLLAMA_URL: 'ftp://x', LOG_LEVEL: 'loud' } }));
    expect(problems).toEqual([
      'upstream.url (env OLLAMA_URL): expected a http: or https: URL, got "ftp://x"',
      'gateway.port (env GATEWAY_PORT): expected an integer, got "eighty"',
      'log.level (env LOG_LEVEL): expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it('rejects out-of-range numbers and bad sizes', () => {
    const problems = problemsOf(() => loadConfig({ env: { GATEWAY_PORT: '70000', GATEWAY_BODY_LIMIT: '12 parsecs' } }));
    expect(problems[0]).toBe('gateway.port (env GATEWAY_PORT): expected an integer from 1 to 65535, got 70000');
    expect(problems[1]).toContain('gateway.body_limit (env GATEWAY_BODY_LIMIT): expected a size such as');
  });

  it('reports unknown YAML keys and wrong types in the file with the file name', () => {
    const file = yamlFile('upstream:\n  urll: http://x\ngateway:\n  port: [1]\nextra: 1\nlog: info\n');
    const problems = problemsOf(() => loadConfig({ env: { CONFIG_FILE: file } }));
    expect(problems).toContain(`upstream.urll (${file}): unknown key`);
    expect(problems).toContain(`extra (${file}): unknown key`);
    expect(problems).toContain(`log (${file}): expected a section (mapping), got "info"`);
    expect(problems).toContain(`gateway.port (${file} gateway.port): expected an integer, got [1]`);
  });

  it('reports a missing or unparsable file', () => {
    expect(problemsOf(() => loadConfig({ env: { CONFIG_FILE: '/nonexistent/og.yaml' } }))[0]).toMatch(/^CONFIG_FILE: cannot read \/nonexistent\/og.yaml/);
    const file = yamlFile('upstream: [unclosed\n');
    expect(problemsOf(() => loadConfig({ env: { CONFIG_FILE: file } }))[0]).toMatch(/invalid YAML/);
  });

  it('treats an empty environment variable as unset', () => {
    expect(loadConfig({ env: { GATEWAY_PORT: '' } }).gateway.port).toBe(8080);
  });

  it('gives every key a unique environment variable and documentation', () => {
    const envs = configEntries().flatMap((entry) => entry.spec.env);
    expect(new Set(envs).size).toBe(envs.length);
    for (const { path, spec } of configEntries()) {
      expect(spec.doc.length, path).toBeGreaterThan(10);
      expect(spec.parse(spec.default), `${path} default must pass its own validation`).toEqual(spec.default);
    }
  });
});
