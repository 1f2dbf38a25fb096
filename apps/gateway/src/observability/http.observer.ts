// Per request: the request id (accepted from X-Request-Id or made), a server span continuing the
// caller's trace, the HTTP metrics, and one access log line without any text the user sent.
// Measured on the raw response's `close`, which also covers hijacked streaming responses.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@ollama-guard/config';
import { context, extractContext, SpanKind, trace, tracer, tracingActive } from '@ollama-guard/tracing';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { GatewayMetrics } from './gateway.metrics.js';

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export function requestIdOf(request: FastifyRequest): string {
  return String(request.headers['x-request-id']);
}

const headerValue = (headers: IncomingHttpHeaders, key: string) => {
  const value = headers[key];
  return Array.isArray(value) ? value[0] : value;
};

export function registerHttpObserver(app: NestFastifyApplication, config: AppConfig, log: Logger): void {
  const metrics = app.get(GatewayMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = headerValue(request.headers, 'x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    request.headers['x-request-id'] = id;
    void reply.header('x-request-id', id);

    const route = request.routeOptions.url ?? 'unmatched';
    // Read now: once the response is done the socket may already be detached from the request.
    const client = request.socket?.remoteAddress;
    const started = performance.now();
    const tracing = tracingActive();
    const span = tracing
      ? tracer().startSpan(
          `${request.method} ${route}`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'request.id': id } },
          extractContext(request.headers, headerValue, (h) => Object.keys(h)),
        )
      : undefined;
    metrics.httpInFlight.inc({ route });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const status = reply.raw.headersSent ? reply.raw.statusCode : 499; // 499: the client left before any answer
      const seconds = (performance.now() - started) / 1000;
      metrics.httpInFlight.dec({ route });
      metrics.httpDuration.observe({ route, method: request.method, status: String(status) }, seconds);
      if (span) {
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) span.setStatus({ code: 2 });
        span.end();
      }
      if (!log.isLevelEnabled('info')) return;
      const guard = {
        cache: reply.raw.getHeader('x-guard-cache'),
        block: reply.raw.getHeader('x-guard-block'),
        scanners: reply.raw.getHeader('x-guard-scanners'),
        duration_ms: reply.raw.getHeader('x-guard-duration-ms'),
        degraded: reply.raw.getHeader('x-guard-degraded'),
      };
      const ids = span?.isRecording() ? span.spanContext() : undefined;
      log.info(
        {
          request_id: id,
          method: request.method,
          route,
          status,
          duration_ms: Number((seconds * 1000).toFixed(2)),
          client,
          ...(ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {}),
          guard: Object.fromEntries(Object.entries(guard).filter(([, v]) => v !== undefined)),
          ...(config.log.include_text ? { body: request.body instanceof Buffer ? request.body.toString('utf8').slice(0, 4_096) : undefined } : {}),
        },
        'request',
      );
    };
    // `finish`: the whole response was handed to the socket; `close` alone: the client left first.
    reply.raw.once('finish', end);
    reply.raw.once('close', end);
    if (span) context.with(trace.setSpan(context.active(), span), done);
    else done();
  });
}
