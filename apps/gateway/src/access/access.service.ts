import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, apiFlavorOf, errorBody } from '../http/api-error.js';
import { RateLimiter, rateLimitHeaders } from '../limits/rate.limiter.js';
import { ApiKeyStore } from './api-keys.store.js';
import { ClientIpResolver } from './client-ip.resolver.js';
import { CidrSet, formatIp, networkOf } from './ip.address.js';
import { setAccessContext, type AccessContext } from './request.context.js';
import { ResponseHeaders } from './response.headers.js';

/** The Ollama and OpenAI APIs; `/` (the "Ollama is running" banner) and the stats routes are not. */
const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/v1/') || url === '/api' || url === '/v1';

/**
 * The front door, run for every request before its body is read: CORS and security headers,
 * the client's address (through trusted proxies only), the IP allow and deny lists, the API key,
 * and the requests-per-minute limit. Anything refused here costs no body parsing and never
 * reaches the upstream.
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('Access');
  private readonly resolver: ClientIpResolver;
  private readonly allow: CidrSet;
  private readonly deny: CidrSet;
  private readonly headers: ResponseHeaders;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly keys: ApiKeyStore,
    private readonly limiter: RateLimiter,
  ) {
    const { access } = config;
    this.resolver = new ClientIpResolver(access.trusted_proxies);
    this.allow = new CidrSet(access.ip_allowlist);
    this.deny = new CidrSet(access.ip_denylist);
    this.headers = new ResponseHeaders(access);
  }

  /** A Fastify onRequest hook; answers the request itself when it is refused. */
  async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    this.headers.security(reply);
    const address = this.resolver.resolve(request.raw.socket.remoteAddress, request.headers);
    const ip = address ? formatIp(address) : '';
    if (!address || this.deny.has(address) || (this.allow.size > 0 && !this.allow.has(address))) {
      this.logger.warn(`${request.method} ${request.url} from ${ip || 'an unknown address'}: refused by the IP lists`);
      return this.refuse(request, reply, new ApiError(403, `access denied: client address ${ip || '(unknown)'} is not allowed`, 'ip_not_allowed'));
    }
    if (this.headers.cors(request, reply)) return reply;
    if (this.config.access.cors_origins.length > 0) delete request.headers.origin;
    let context: AccessContext = { ip, address, key: undefined, identity: `ip:${networkOf(address, this.config.rate_limit.ipv6_prefix)}` };
    setAccessContext(request, context);
    if (!isApiPath(request.url)) return undefined;

    if (this.keys.enabled) {
      const presented = presentedKey(request);
      if (presented instanceof ApiError) return this.refuse(request, reply, presented);
      const key = this.keys.find(presented);
      if (!key) {
        this.logger.warn(`${request.method} ${request.url} from ${ip}: unknown API key`);
        return this.refuse(request, reply, new ApiError(401, 'invalid API key', 'invalid_api_key'));
      }
      // Our key is ours: it is not passed on to the upstream.
      delete request.headers.authorization;
      delete request.headers['x-api-key'];
      const byKey = this.config.rate_limit.by !== 'ip';
      context = { ...context, key, identity: byKey ? `key:${key.name}` : context.identity };
      setAccessContext(request, context);
    }

    const rpm = context.key?.rpm ?? this.config.rate_limit.rpm;
    const decision = await this.limiter.check(context.identity, 'requests', rpm);
    if (!decision) return undefined;
    reply.headers(rateLimitHeaders([decision]));
    if (!decision.allowed) {
      const who = context.key ? `API key "${context.key.name}"` : `client ${ip}`;
      return this.refuse(request, reply, new ApiError(429, `rate limit exceeded: ${who} may send ${rpm} requests per minute; retry in ${reply.getHeader('retry-after')} s`, 'rate_limit_exceeded'));
    }
    return undefined;
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
    if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="ollama-guard"');
    return reply.code(error.status).header('content-type', 'application/json; charset=utf-8').send(errorBody(apiFlavorOf(request.url), error));
  }
}

/** The key from `Authorization: Bearer <key>` or `x-api-key: <key>`, or the 401 explaining what is wrong. */
function presentedKey(request: FastifyRequest): string | ApiError {
  const authorization = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!bearer) return new ApiError(401, 'unsupported Authorization header: expected "Bearer <API key>"', 'invalid_api_key');
    return bearer[1];
  }
  if (typeof apiKey === 'string' && apiKey.trim() !== '') return apiKey.trim();
  return new ApiError(401, 'missing API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"', 'missing_api_key');
}
