// Checks of the access, rate_limit and queue sections that span keys or need more than a type:
// address lists must be real CIDRs (a typo must not silently open or close the door).
import { isIP } from 'node:net';
import type { AppConfig } from './config.schema.js';

/** Why `entry` is not an address or CIDR, or undefined when it is one. */
export function cidrProblem(entry: string): string | undefined {
  const slash = entry.indexOf('/');
  const address = (slash < 0 ? entry : entry.slice(0, slash)).replace(/^\[(.*)\]$/, '$1');
  const family = isIP(address);
  if (family === 0) return `"${entry}" is not an IPv4 or IPv6 address or CIDR`;
  if (slash < 0) return undefined;
  const bits = entry.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `"${entry}": the prefix length must be 0 to ${max}`;
  return undefined;
}

const cidrLists = ({ access }: AppConfig): string[] =>
  (
    [
      ['access.trusted_proxies (TRUSTED_PROXIES)', access.trusted_proxies],
      ['access.ip_allowlist (IP_ALLOWLIST)', access.ip_allowlist],
      ['access.ip_denylist (IP_DENYLIST)', access.ip_denylist],
    ] as const
  ).flatMap(([key, entries]) => entries.map(cidrProblem).flatMap((problem) => (problem ? [`${key}: ${problem}`] : [])));

const corsOrigins = ({ access }: AppConfig): string[] =>
  access.cors_origins.flatMap((origin) => {
    if (origin === '*') return [];
    try {
      const url = new URL(origin);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin.replace(/\/$/, '')) return [];
    } catch {
      // reported below
    }
    return [`access.cors_origins (CORS_ORIGINS): expected an origin such as https://chat.example.com (scheme, host, optional port) or *, got "${origin}"`];
  });

const rateLimitIdentity = ({ access, rate_limit }: AppConfig): string[] =>
  rate_limit.by === 'key' && !access.api_keys_file ? ['rate_limit.by (RATE_LIMIT_BY): `key` needs API keys: set access.api_keys_file (API_KEYS_FILE)'] : [];

export const accessChecks = [cidrLists, corsOrigins, rateLimitIdentity] as const;
