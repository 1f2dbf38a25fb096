import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import { ApiError } from '../http/api-error.js';

export interface UpstreamRequest {
  method: Dispatcher.HttpMethod;
  /** Path and query as the client sent them, e.g. `/api/chat` or `/v1/models?x=1`. */
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer | Readable | null;
  signal: AbortSignal;
}

export type UpstreamResponse = Dispatcher.ResponseData;

/** One keep-alive pool to the upstream for the whole process. */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(@InjectConfig() config: AppConfig) {
    const { url, connections, connect_timeout_ms, headers_timeout_ms, body_timeout_ms, keep_alive_timeout_ms } = config.upstream;
    const target = new URL(url);
    // An upstream mounted under a path (http://host/ollama) keeps its prefix.
    this.basePath = target.pathname.replace(/\/+$/, '');
    this.pool = new Pool(target.origin, {
      connections,
      pipelining: 1,
      connect: { timeout: connect_timeout_ms },
      headersTimeout: headers_timeout_ms,
      bodyTimeout: body_timeout_ms,
      keepAliveTimeout: keep_alive_timeout_ms,
    });
  }

  async request(request: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      const response = await this.pool.request({
        method: request.method,
        path: this.basePath + request.path,
        headers: request.headers,
        body: request.body ?? null,
        signal: request.signal,
      });
      return response;
    } catch (error) {
      throw toUpstreamError(error);
    }
  }

  /** Readiness (opt-in): the upstream answers `GET /api/version` with a 2xx. */
  async ping(): Promise<void> {
    const response = await this.request({ method: 'GET', path: '/api/version', headers: {}, signal: AbortSignal.timeout(1_000) });
    await response.body.dump();
    if (response.statusCode >= 300) throw new Error(`upstream answered ${response.statusCode}`);
  }

  /** After the HTTP server has drained and closed, so no request in flight loses its upstream. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/** Maps transport failures to 502 (unreachable) and 504 (too slow); a client abort passes through. */
export function toUpstreamError(error: unknown): unknown {
  if (error instanceof undiciErrors.RequestAbortedError) return error;
  const code = (error as { code?: string })?.code ?? '';
  const detail = (error as Error)?.message ?? String(error);
  if (error instanceof undiciErrors.ConnectTimeoutError || error instanceof undiciErrors.HeadersTimeoutError || code === 'ETIMEDOUT') {
    return new ApiError(504, `upstream timed out: ${detail}`, 'upstream_timeout');
  }
  if (error instanceof undiciErrors.BodyTimeoutError) return new ApiError(504, `upstream stopped sending: ${detail}`, 'upstream_timeout');
  return new ApiError(502, `upstream unreachable: ${detail}${code && !detail.includes(code) ? ` (${code})` : ''}`, 'upstream_unreachable');
}
