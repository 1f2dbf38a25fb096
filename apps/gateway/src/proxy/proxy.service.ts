import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { ApiError, apiFlavorOf, errorBody, type ApiFlavor } from '../http/api-error.js';
import { toUpstreamError, UpstreamClient, type UpstreamResponse } from '../upstream/upstream.client.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './proxy.headers.js';

const WHOLE_BODY_LIMIT = 256 * 1024;

/** An upstream answer in progress, tied to the client connection that asked for it. */
export interface Exchange {
  upstream: UpstreamResponse;
  /** Stops the upstream request (the client left, or the guard stopped the answer). */
  abort(): void;
  readonly aborted: boolean;
  /** Detaches from the client connection; call once the exchange is over. */
  done(): void;
}

/**
 * Forwards requests to the upstream and relays answers chunk by chunk, streaming included.
 * Status, content type and error bodies of the upstream pass through unchanged; a client that
 * goes away aborts the upstream request at once, so no generation runs on for nobody.
 */
@Injectable()
export class ProxyService {
  constructor(private readonly upstream: UpstreamClient) {}

  async forward(request: FastifyRequest, reply: FastifyReply, body: Buffer | Readable | null = null): Promise<void> {
    const exchange = await this.send(request, reply, body);
    if (!exchange) return;
    try {
      await this.relay(request, reply, exchange);
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
    const headers = upstreamRequestHeaders(request.headers, body !== null && !Buffer.isBuffer(body));
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
        done: () => res.off('close', onClose),
      };
    } catch (error) {
      res.off('close', onClose);
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
        res.end(Buffer.from(await upstream.body.arrayBuffer()));
        return;
      }
      for await (const chunk of upstream.body) {
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
