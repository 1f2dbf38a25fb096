// CORS and security headers. They are set on the reply before any route runs, so hijacked
// (streamed) responses carry them too: ProxyService.writeHead starts from the reply's headers.
import type { AppConfig } from '@ollama-guard/config';
import type { FastifyReply, FastifyRequest } from 'fastify';

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

const ALLOWED_METHODS = 'GET, HEAD, POST, DELETE, OPTIONS';
const EXPOSED_HEADERS = [
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  'x-guard-block',
  'x-guard-scanners',
  'x-guard-status',
  'x-guard-degraded',
  'x-guard-cache',
  'x-guard-duration-ms',
].join(', ');

export class ResponseHeaders {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(private readonly access: AppConfig['access']) {
    this.anyOrigin = access.cors_origins.includes('*');
    this.origins = new Set(access.cors_origins.map((origin) => origin.replace(/\/$/, '').toLowerCase()));
  }

  security(reply: FastifyReply): void {
    if (this.access.security_headers) reply.headers(SECURITY_HEADERS);
  }

  /** Sets the CORS headers; true when this was a preflight, now answered (204). */
  cors(request: FastifyRequest, reply: FastifyReply): boolean {
    const origin = request.headers.origin;
    if (this.origins.size === 0 || typeof origin !== 'string') return false;
    const allowed = this.anyOrigin || this.origins.has(origin.toLowerCase());
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    // Answers differ by Origin: caches must not hand one origin's answer to another.
    reply.header('vary', 'Origin');
    if (allowed) {
      reply.header('access-control-allow-origin', this.anyOrigin ? '*' : origin);
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (!preflight) return false;
    if (allowed) {
      reply.header('access-control-allow-methods', ALLOWED_METHODS);
      const asked = request.headers['access-control-request-headers'];
      reply.header('access-control-allow-headers', typeof asked === 'string' && asked ? asked : 'authorization, content-type, x-api-key');
      reply.header('access-control-max-age', String(this.access.cors_max_age));
    }
    // A refused origin gets no allow headers, which is how a browser learns it is refused.
    void reply.code(204).send();
    return true;
  }
}
