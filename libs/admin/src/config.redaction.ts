import { configEntries, type AppConfig } from '@ollama-guard/config';

/** The effective configuration for /config: every secret key (passwords, tokens, URLs with credentials) replaced. */
export function redactedConfig(config: AppConfig): unknown {
  const copy = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
  for (const { path, spec } of configEntries()) {
    if (!spec.secret) continue;
    const [section, ...rest] = path.split('.');
    let node: Record<string, unknown> = copy[section];
    for (const part of rest.slice(0, -1)) node = node[part] as Record<string, unknown>;
    const key = rest[rest.length - 1];
    if (node[key] !== '' && node[key] !== undefined) node[key] = '[redacted]';
  }
  return copy;
}
