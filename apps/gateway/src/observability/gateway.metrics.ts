// Every series the gateway exports, in one place so names, labels and meanings stay consistent
// (the README lists them). Label values are bounded: routes are the registered patterns, models
// are capped, statuses and directions are small sets.
import { Injectable } from '@nestjs/common';
import { BoundedLabel, MetricsRegistry } from '@ollama-guard/metrics';

@Injectable()
export class GatewayMetrics {
  readonly models = new BoundedLabel(50);

  readonly httpDuration;
  readonly httpInFlight;
  readonly upstreamDuration;
  readonly timeToFirstToken;
  readonly generatedTokens;
  readonly promptTokens;
  readonly verdicts;
  readonly guardDuration;
  readonly grpcClientDuration;

  constructor(metrics: MetricsRegistry) {
    this.httpDuration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status: time until the response (stream included) ended.',
      labelNames: ['route', 'method', 'status'],
    });
    this.httpInFlight = metrics.gauge({ name: 'http_requests_in_flight', help: 'HTTP requests (and open streams) being served.', labelNames: ['route'] });
    this.upstreamDuration = metrics.histogram({
      name: 'upstream_request_duration_seconds',
      help: 'Upstream calls by route and upstream status: from sending the request to the end of its body.',
      labelNames: ['route', 'status'],
    });
    this.timeToFirstToken = metrics.histogram({
      name: 'upstream_time_to_first_token_seconds',
      help: 'From sending the request upstream to the first byte of its answer body, by model.',
      labelNames: ['model'],
    });
    this.generatedTokens = metrics.counter({
      name: 'generated_tokens_total',
      help: 'Tokens generated upstream, by model (Ollama eval_count, OpenAI completion_tokens).',
      labelNames: ['model'],
    });
    this.promptTokens = metrics.counter({
      name: 'prompt_tokens_total',
      help: 'Prompt tokens evaluated upstream, by model (Ollama prompt_eval_count, OpenAI prompt_tokens).',
      labelNames: ['model'],
    });
    this.verdicts = metrics.counter({
      name: 'verdicts_total',
      help: 'Guard decisions enforced by the gateway, by direction (input, output, output_stream), result (allowed, redacted, blocked, unscanned) and source (guard, cache, degraded, none).',
      labelNames: ['direction', 'result', 'source'],
    });
    this.guardDuration = metrics.histogram({
      name: 'guard_duration_seconds',
      help: 'Time the gateway spent getting one verdict (cache lookups, gRPC call, degraded scan), by direction and source.',
      labelNames: ['direction', 'source'],
    });
    this.grpcClientDuration = metrics.histogram({
      name: 'grpc_client_duration_seconds',
      help: 'gRPC calls to guard-inference by method and status code.',
      labelNames: ['method', 'code'],
    });
  }
}
