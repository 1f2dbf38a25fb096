import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { ApiError, apiFlavorOf, errorBody, type ApiFlavor } from '../http/api-error.js';
import { toUpstreamError, UpstreamClient } from '../upstream/upstream.client.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './proxy.headers.js';

const WHOLE_BODY_LIMIT = 256 * 1024;

/**
 * Forwards one request to the upstream and relays the answer chunk by chunk, streaming included.
 * Status, content type and error bodies of the upstream pass through unchanged; a client that
 * goes away aborts the upstream request at once, so no generation runs on for nobody.
 */
@Injectable()
export class ProxyService {
  constructor(private readonly upstream: UpstreamClient) {}

  async forward(request: FastifyRequest, reply: FastifyReply, body: Buffer | Readable | null = null): Promise<void> {
    const res = reply.raw;
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    res.once('close', onClose);
    try {
      let upstream;
      try {
        upstream = await this.upstream.request({
          method: request.method as Dispatcher.HttpMethod,
          path: request.url,
          headers: upstreamRequestHeaders(request.headers, body !== null && !Buffer.isBuffer(body)),
          body,
          signal: abort.signal,
        });
      } catch (error) {
        if (abort.signal.aborted) return; // the client left before the upstream answered
        throw error;
      }
      reply.hijack();
      res.writeHead(upstream.statusCode, { ...(reply.getHeaders() as Record<string, string>), ...clientResponseHeaders(upstream.headers) });
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
        if (!abort.signal.aborted && !res.destroyed) {
          endWithError(res, apiFlavorOf(request.url), String(upstream.headers['content-type'] ?? ''), toUpstreamError(error));
        }
      } finally {
        // A response that cannot be completed must release its socket, or a keep-alive
        // connection stays "busy" forever and holds shutdown open.
        if (!res.writableEnded) res.destroy();
      }
    } finally {
      res.off('close', onClose);
    }
  }
}

function drained(res: ServerResponse): Promise<void> {
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
function endWithError(res: ServerResponse, flavor: ApiFlavor, contentType: string, error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError(502, 'upstream failed', 'upstream_error');
  if (contentType.includes('ndjson')) res.end(`${errorBody('ollama', apiError)}\n`);
  else if (contentType.includes('text/event-stream')) res.end(`data: ${errorBody(flavor, apiError)}\n\n`);
  else res.destroy();
}
