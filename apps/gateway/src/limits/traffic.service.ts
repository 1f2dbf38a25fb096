import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { accessContextOf } from '../access/request.context.js';
import { canonicalModel } from '../access/model.patterns.js';
import { ApiError } from '../http/api-error.js';
import type { JsonObject } from '../http/json-body.js';
import { ModelQueue, QueueAbandonedError, QueueRefusedError } from './model.queue.js';
import { promptTokens } from './prompt.tokens.js';
import { RateLimiter, rateLimitHeaders } from './rate.limiter.js';

/** What a route does with models: `inference` runs one (queued, tokens counted), `model` names some. */
export type RouteKind = 'inference' | 'model';

/** The client left while its request waited; the caller answers nothing. */
export const ABANDONED = Symbol('abandoned');

/**
 * The checks that need the request body, run by the controllers once it is parsed and checked:
 * the API key's model restriction, the prompt-tokens limit, and the per-model queue. The slot is
 * released when the response closes, whichever way it ends (complete, blocked, upstream error,
 * client gone), so a streamed answer holds it until its last byte.
 */
@Injectable()
export class TrafficService {
  private readonly logger = new Logger('Traffic');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly queue: ModelQueue,
  ) {}

  /** Resolves once the request may go on, or to ABANDONED; throws the ApiError to answer. */
  async admit(request: FastifyRequest, reply: FastifyReply, kind: RouteKind, models: readonly unknown[], body?: JsonObject): Promise<typeof ABANDONED | undefined> {
    const context = accessContextOf(request);
    const names = models.filter((m): m is string => typeof m === 'string' && m.trim() !== '');
    const allowed = context?.key?.models;
    if (allowed) {
      const refused = names.find((name) => !allowed.allows(name));
      if (refused !== undefined) {
        this.logger.warn(`API key "${context!.key!.name}" asked for model "${refused}", which it may not use`);
        throw new ApiError(403, `model "${refused}" is not allowed for this API key`, 'model_not_allowed', 'model');
      }
    }
    if (kind !== 'inference') return undefined;

    const tpm = context?.key?.tpm ?? this.config.rate_limit.tpm;
    if (tpm > 0 && body && context) {
      const tokens = promptTokens(body);
      if (tokens > tpm) {
        this.limiter.refuseOutright('tokens');
        throw new ApiError(429, `prompt of about ${tokens} tokens is larger than the limit of ${tpm} prompt tokens per minute`, 'tokens_limit_exceeded');
      }
      const decision = await this.limiter.check(context.identity, 'tokens', tpm, Math.max(1, tokens));
      if (decision) {
        reply.headers(rateLimitHeaders([decision]));
        if (!decision.allowed) {
          throw new ApiError(429, `rate limit exceeded: ${tpm} prompt tokens per minute; retry in ${reply.getHeader('retry-after')} s`, 'rate_limit_exceeded');
        }
      }
    }

    if (!this.queue.enabled || names.length === 0) return undefined;
    return this.enqueue(reply, canonicalModel(names[0]));
  }

  private async enqueue(reply: FastifyReply, model: string): Promise<typeof ABANDONED | undefined> {
    const res = reply.raw;
    const left = new AbortController();
    const onClose = () => left.abort();
    res.once('close', onClose);
    try {
      const slot = await this.queue.acquire(model, left.signal);
      if (res.destroyed || res.closed) {
        slot.release();
        return ABANDONED;
      }
      res.once('close', () => slot.release());
      return undefined;
    } catch (error) {
      if (error instanceof QueueAbandonedError) return ABANDONED;
      if (error instanceof QueueRefusedError) {
        reply.header('retry-after', '1');
        throw new ApiError(503, error.message, error.reason === 'full' ? 'queue_full' : 'queue_timeout');
      }
      throw error;
    } finally {
      res.off('close', onClose);
    }
  }
}
