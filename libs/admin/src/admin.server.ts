// The admin port: probes, metrics and operator endpoints, on a Fastify instance of its own so
// they are never exposed where the API is (the ingress only routes the API port) and keep
// answering while the API port drains. Probes and /metrics are open; the rest takes ADMIN_TOKEN
// when one is set.
import { Logger } from '@nestjs/common';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

export class AdminHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AdminRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Open routes (probes, metrics) never ask for the token. */
  open?: boolean;
  /** Routes that change state need a token even when none protects the read-only ones. */
  requiresToken?: boolean;
  handler(request: FastifyRequest, reply: FastifyReply): Promise<unknown> | unknown;
}

export class AdminServer {
  private readonly logger = new Logger('Admin');
  private readonly app: FastifyInstance;
  private boundPort = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly token: string,
  ) {
    this.app = Fastify({ logger: false });
    this.app.setNotFoundHandler((request, reply) => {
      void reply.code(404).send({ error: `no admin endpoint ${request.method} ${request.url.split('?')[0]}` });
    });
    this.app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      const status = error instanceof AdminHttpError ? error.status : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) this.logger.error(`admin endpoint failed: ${error.message}`);
      void reply.code(status).send({ error: error.message });
    });
  }

  route(route: AdminRoute): void {
    this.app.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) => {
        this.authorize(request, route);
        return route.handler(request, reply);
      },
    });
  }

  async listen(): Promise<number> {
    await this.app.listen({ host: this.host, port: this.port });
    this.boundPort = (this.app.server.address() as { port: number }).port;
    this.logger.log(`admin endpoints on ${this.host}:${this.boundPort}`);
    return this.boundPort;
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  get listeningPort(): number {
    return this.boundPort;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  private authorize(request: FastifyRequest, route: AdminRoute): void {
    if (route.open) return;
    if (!this.token) {
      if (route.requiresToken) throw new AdminHttpError(403, `${route.method} ${route.path} is disabled: set admin.token (ADMIN_TOKEN) to enable it`);
      return;
    }
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AdminHttpError(401, 'a valid admin token is required: Authorization: Bearer <ADMIN_TOKEN>');
  }
}
