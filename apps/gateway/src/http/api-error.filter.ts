import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, apiFlavorOf, errorBody } from './api-error.js';

/** Fastify's own errors (body too large, unsupported media type, ...) carry a status and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

/**
 * Every error, whether thrown by a controller, by body parsing or by routing, leaves in the
 * error shape of the API the client speaks; nothing leaks Nest's default `{statusCode, message}`.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = this.toApiError(exception);
    // Expected failures (upstream down or slow) are one line; anything unexpected keeps its stack.
    if (exception instanceof ApiError && error.status >= 500) this.logger.warn(`${request.method} ${request.url}: ${error.status} ${error.message}`);
    else if (error.status >= 500) this.logger.error(`${request.method} ${request.url}: ${(exception as Error)?.stack ?? exception}`);
    if (reply.sent || reply.raw.headersSent) {
      // Past the headers (a stream was under way): the only honest signal left is to cut the connection.
      reply.raw.destroy();
      return;
    }
    void reply
      .code(error.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorBody(apiFlavorOf(request.url), error));
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return new ApiError(404, 'not found: this route is not part of the Ollama or OpenAI API served by ollama-guard', 'not_found');
      return new ApiError(status, exception.message, `http_${status}`);
    }
    const fastifyError = exception as FastifyLikeError;
    const status = fastifyError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ApiError(413, 'request body is larger than the configured limit (GATEWAY_BODY_LIMIT)', 'body_too_large');
      return new ApiError(status, fastifyError.message, fastifyError.code?.toLowerCase() ?? `http_${status}`);
    }
    return new ApiError(500, 'internal error in ollama-guard', 'internal_error');
  }
}
