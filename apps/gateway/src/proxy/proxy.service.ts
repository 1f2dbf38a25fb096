import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { injectContext, SpanKind, tracer, type Span } from '@ollama-guard/tracing';
import { performance } from 'node:perf_hooks';
import { ApiError, apiFlavorOf, errorBody, type ApiFlavor } from '../http/api-error.js';
import { GatewayMetrics } from '../observability/gateway.metrics.js';
import { toUpstreamError, UpstreamClient, type UpstreamResponse } from '../upstream/upstream.client.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './proxy.headers.js';

const WHOLE_BODY_LIMIT = 256 * 1024;

/** An upstream answer in progress, tied to the client connection that asked for it. */
export interface Exchange {
  upstream: UpstreamResponse;
  /** Stops the upstream request (the client left, or the guard stopped the answer). */
  abort(): void;
  readonly aborted: boolean;
  /** Whoever reads the upstream body reports each chunk: time to first token, token counts. */
  seen(chunk: Uint8Array): void;
  /** Detaches from the client connection; call once the exchange is over. */
  done(): void;
}

const TAIL = 2_048;
const MODEL = /"model"\s*:\s*"([^"\\]{1,100})"/;
const GENERATED = /"(?:eval_count|completion_tokens)"\s*:\s*(\d+)/g;
const PROMPT = /"(?:prompt_eval_count|prompt_tokens)"\s*:\s*(\d+)/g;

const lastMatch = (text: string, pattern: RegExp): number | undefined => {
  let last: number | undefined;
  for (const match of text.matchAll(pattern)) last = Number(match[1]);
  return last;
};

/**
 * Watches an upstream answer go by without buffering it: the first chunk names the model and
 * times the first token; the last 2 KiB hold Ollama's final counts (or OpenAI's usage).
 */
class UpstreamWatch {
  private readonly started = performance.now();
  private model = '';
  private tail = '';
  private first = true;
  private finished = false;

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly route: string,
    private readonly span: Span,
  ) {}

  seen(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.first) {
      this.first = false;
      this.model = this.metrics.models.of(MODEL.exec(bytes.toString('latin1', 0, 512))?.[1] ?? 'unknown');
      this.metrics.timeToFirstToken.observe({ model: this.model }, (performance.now() - this.started) / 1000);
    }
    // Only the end of the body matters: never decode more than the tail of a chunk.
    this.tail = (this.tail + bytes.toString('latin1', Math.max(0, bytes.length - TAIL))).slice(-TAIL);
  }

  finish(status: number | undefined): void {
    if (this.finished) return;
    this.finished = true;
    const label = status === undefined ? 'error' : String(status);
    this.metrics.upstreamDuration.observe({ route: this.route, status: label }, (performance.now() - this.started) / 1000);
    this.span.setAttribute('http.response.status_code', status ?? 0);
    if (status === undefined || status >= 500) this.span.setStatus({ code: 2 });
    this.span.end();
    if (status !== 200 || !this.tail) return;
    const generated = lastMatch(this.tail, GENERATED);
    const prompt = lastMatch(this.tail, PROMPT);
    if (generated) this.metrics.generatedTokens.inc({ model: this.model }, generated);
    if (prompt) this.metrics.promptTokens.inc({ model: this.model }, prompt);
  }
}

/**
 * Forwards requests to the upstream and relays answers chunk by chunk, streaming included.
 * Status, content type and error bodies of the upstream pass through unchanged; a client that
 * goes away aborts the upstream request at once, so no generation runs on for nobody.
 */
@Injectable()
export class ProxyService {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly metrics: GatewayMetrics,
  ) {}

  async forward(request: FastifyRequest, reply: FastifyReply, body: Buffer | Readable | null = null): Promise<void> {
    const exchange = await this.send(request, reply, body);
    if (!exchange) return;
    try {
      await this.relay(request, reply, exchange);
    } finally {
      exchange.done();
    }
  }

  /**
   * Forwards, then rewrites a successful JSON answer before it goes back (listings narrowed to what
   * the client may see). Anything else, errors included, is relayed unchanged.
   */
  async forwardRewritten(request: FastifyRequest, reply: FastifyReply, rewrite: (answer: unknown) => unknown): Promise<void> {
    const exchange = await this.send(request, reply, null, { 'accept-encoding': 'identity' });
    if (!exchange) return;
    try {
      const { upstream } = exchange;
      if (upstream.statusCode !== 200 || !String(upstream.headers['content-type'] ?? '').includes('json')) return await this.relay(request, reply, exchange);
      const raw = Buffer.from(await upstream.body.arrayBuffer());
      exchange.seen(raw);
      let answer: unknown;
      try {
        answer = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ApiError(502, 'upstream answered with a body that is not JSON', 'upstream_invalid');
      }
      const out = Buffer.from(JSON.stringify(rewrite(answer)));
      const { 'content-length': _length, ...headers } = upstream.headers;
      this.writeHead(reply, 200, { ...headers, 'content-length': String(out.length) }).end(out);
    } finally {
      exchange.done();
    }
  }

  /** Sends the request upstream; undefined when the client left before the upstream answered. */
  async send(request: FastifyRequest, reply: FastifyReply, body: Buffer | Readable | null, extraHeaders?: Record<string, string>): Promise<Exchange | undefined> {
    const res = reply.raw;
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', onClose);
    const route = request.routeOptions.url ?? 'unmatched';
    const span = tracer().startSpan(`upstream ${request.method} ${route}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] } });
    const watch = new UpstreamWatch(this.metrics, route, span);
    const headers = upstreamRequestHeaders(request.headers, body !== null && !Buffer.isBuffer(body));
    if (span.isRecording()) injectContext(headers as Record<string, string>, (carrier, key, value) => (carrier[key] = value));
    try {
      const upstream = await this.upstream.request({
        method: request.method as Dispatcher.HttpMethod,
        path: request.url,
        headers: extraHeaders ? { ...headers, ...extraHeaders } : headers,
        body,
        signal: controller.signal,
      });
      return {
        upstream,
        abort: () => controller.abort(),
        get aborted() {
          return controller.signal.aborted;
        },
        seen: (chunk) => watch.seen(chunk),
        done: () => {
          res.off('close', onClose);
          watch.finish(controller.signal.aborted ? 499 : upstream.statusCode);
        },
      };
    } catch (error) {
      res.off('close', onClose);
      watch.finish(undefined);
      if (controller.signal.aborted) return undefined;
      throw error;
    }
  }

  /** Takes the response over from Fastify and writes the status line and headers. */
  writeHead(reply: FastifyReply, status: number, headers: Record<string, string | string[] | undefined>): ServerResponse {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(status, { ...(reply.getHeaders() as Record<string, string>), ...clientResponseHeaders(headers) });
    return res;
  }

  /** Relays the upstream answer as it comes. */
  async relay(request: FastifyRequest, reply: FastifyReply, exchange: Exchange): Promise<void> {
    const { upstream } = exchange;
    const res = this.writeHead(reply, upstream.statusCode, upstream.headers);
    try {
      const length = Number(upstream.headers['content-length'] ?? -1);
      if (length >= 0 && length <= WHOLE_BODY_LIMIT) {
        // A complete answer of known, small size leaves in one write with its headers: one
        // syscall instead of three, which is most of what a proxy pays per request.
        const whole = Buffer.from(await upstream.body.arrayBuffer());
        exchange.seen(whole);
        res.end(whole);
        return;
      }
      for await (const chunk of upstream.body) {
        exchange.seen(chunk);
        if (!res.write(chunk)) await drained(res);
      }
      res.end();
    } catch (error) {
      if (!exchange.aborted && !res.destroyed) {
        endWithError(res, apiFlavorOf(request.url), String(upstream.headers['content-type'] ?? ''), toUpstreamError(error));
      }
    } finally {
      // A response that cannot be completed must release its socket, or a keep-alive
      // connection stays "busy" forever and holds shutdown open.
      if (!res.writableEnded) res.destroy();
    }
  }
}

export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The upstream failed after the headers went out. Streams get a last well-formed error frame,
 * the way Ollama reports errors mid-stream; a plain body is cut so that it cannot pass for complete.
 */
export function endWithError(res: ServerResponse, flavor: ApiFlavor, contentType: string, error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError(502, 'upstream failed', 'upstream_error');
  if (contentType.includes('ndjson')) res.end(`${errorBody('ollama', apiError)}\n`);
  else if (contentType.includes('text/event-stream')) res.end(`data: ${errorBody(flavor, apiError)}\n\n`);
  else res.destroy();
}
