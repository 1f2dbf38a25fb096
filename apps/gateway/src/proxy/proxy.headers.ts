// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
// `expect` is answered by Node itself, and undici refuses it; `host` is set for the upstream.
import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'expect']);

/** Request headers for the upstream. The length is recomputed by undici when the body is buffered. */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, keepContentLength: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || NOT_FORWARDED.has(name) || (name === 'content-length' && !keepContentLength)) continue;
    out[name] = value;
  }
  return out;
}

export function clientResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    // CORS is the gateway's to decide (access.cors_origins), not the upstream's.
    if (value !== undefined && !HOP_BY_HOP.has(name) && !name.startsWith('access-control-')) out[name] = value;
  }
  return out;
}
