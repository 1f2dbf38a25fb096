import { loadConfig } from '@ollama-guard/config';
import { describe, expect, it } from 'vitest';
import { redactedConfig } from './config.redaction.js';

describe('redactedConfig', () => {
  it('hides every secret that is set and leaves the rest as configured', () => {
    const config = loadConfig({
      env: { REDIS_PASSWORD: 'pw-1', REDIS_URL: 'redis://u:pw-2@redis:6379/0', REDIS_SENTINEL_PASSWORD: 'pw-3', ADMIN_TOKEN: 'tok', REDIS_HOST: 'redis.internal' },
    });
    const shown = redactedConfig(config) as any;
    const text = JSON.stringify(shown);
    for (const secret of ['pw-1', 'pw-2', 'pw-3', 'tok"']) expect(text).not.toContain(secret);
    expect(shown.redis).toMatchObject({ password: '[redacted]', url: '[redacted]', sentinel_password: '[redacted]', host: 'redis.internal' });
    expect(shown.admin.token).toBe('[redacted]');
    expect(shown.redis.username).toBe(''); // unset secrets stay visibly unset
    expect(config.redis.password).toBe('pw-1'); // the live config is untouched
  });
});
