import { credentials as grpcCredentials, Metadata, status as GrpcStatus, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { context, injectContext, SpanKind, trace, tracer } from '@ollama-guard/tracing';
import { performance } from 'node:perf_hooks';
import { GatewayMetrics } from '../observability/gateway.metrics.js';
import {
  HealthClient,
  ServingStatus,
  type HealthCheckResponse,
  type ListPoliciesResponse,
  type ScanOutputResponse,
  type ScanPromptResponse,
  GuardServiceClient,
  type PolicyInfo,
  type OutputStreamOpen,
  type ScanOutputRequest,
  type ScanOutputStreamRequest,
  type ScanOutputStreamResponse,
  type ScanPromptRequest,
  type Verdict,
} from '@ollama-guard/contracts';
import { readFileSync } from 'node:fs';

/** A call that produced no verdict: transport failure, deadline, or an error status from the service. */
export class GuardCallError extends Error {
  constructor(
    message: string,
    readonly code: GrpcStatus | undefined,
  ) {
    super(message);
    this.name = 'GuardCallError';
  }
}

/**
 * The gRPC client of guard-inference. `dns:///` targets resolve every replica and balance calls
 * round-robin; keepalive detects dead connections between calls; the server's
 * max_connection_age makes clients re-resolve so new replicas get traffic.
 */
@Injectable()
export class GuardClient implements OnApplicationShutdown {
  private readonly client: GuardServiceClient;
  private readonly health: HealthClient;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: GatewayMetrics,
  ) {
    const options = {
      'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
      'grpc.keepalive_time_ms': 20_000,
      'grpc.keepalive_timeout_ms': 5_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 2_000,
    };
    this.client = new GuardServiceClient(config.guard.url, channelCredentials(config), options);
    this.health = new HealthClient(config.guard.url, channelCredentials(config), options);
  }

  scanPrompt(request: ScanPromptRequest): Promise<Verdict> {
    return this.unary<ScanPromptResponse>('ScanPrompt', (metadata, callback) => this.client.scanPrompt(request, metadata, { deadline: this.deadline() }, callback)).then((r) => r.verdict!);
  }

  scanOutput(request: ScanOutputRequest): Promise<Verdict> {
    return this.unary<ScanOutputResponse>('ScanOutput', (metadata, callback) => this.client.scanOutput(request, metadata, { deadline: this.deadline() }, callback)).then((r) => r.verdict!);
  }

  listPolicies(): Promise<PolicyInfo[]> {
    return this.unary<ListPoliciesResponse>('ListPolicies', (metadata, callback) => this.client.listPolicies({}, metadata, { deadline: this.deadline() }, callback)).then((r) => r.policies);
  }

  /** Readiness: guard-inference says its guard service is SERVING (models loaded, not draining). */
  async checkHealth(): Promise<void> {
    const response = await this.unary<HealthCheckResponse>('Health/Check', (metadata, callback) => this.health.check({ service: 'guard.v1.GuardService' }, metadata, { deadline: this.deadline() }, callback));
    if (response.status !== ServingStatus.SERVING) throw new Error(`guard.v1.GuardService is ${response.status}`);
  }

  /** One bidirectional call per streamed answer; windows are answered in order. */
  openOutputStream(open: OutputStreamOpen): OutputStreamSession {
    // The stream is one call: its context travels in the metadata like a unary call's.
    return new OutputStreamSession(this.client.scanOutputStream(this.metadata()), open, this.config.guard.deadline_ms);
  }

  /** A unary call with its client span (context propagated in the metadata) and duration metric. */
  private unary<R>(method: string, call: (metadata: Metadata, callback: (error: ServiceError | null, response: R) => void) => void): Promise<R> {
    const started = performance.now();
    const span = tracer().startSpan(`guard.v1.GuardService/${method}`, { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'grpc', 'rpc.method': method } });
    return new Promise<R>((resolve, reject) =>
      call(this.metadata(span.isRecording() ? span : undefined), (error, response) => {
        const code = error ? (GrpcStatus[error.code] ?? String(error.code)) : 'OK';
        this.metrics.grpcClientDuration.observe({ method, code }, (performance.now() - started) / 1000);
        span.setAttribute('rpc.grpc.status_code', error?.code ?? 0);
        if (error) span.setStatus({ code: 2, message: error.details });
        span.end();
        if (error) reject(asCallError(error));
        else resolve(response);
      }),
    );
  }

  private metadata(span?: ReturnType<ReturnType<typeof tracer>['startSpan']>): Metadata {
    const metadata = new Metadata();
    if (span) injectContext(metadata, (m, key, value) => m.set(key, value), trace.setSpan(context.active(), span));
    else injectContext(metadata, (m, key, value) => m.set(key, value));
    return metadata;
  }

  /** Resolves when the channel is connected (or rejects after `timeoutMs`): readiness checks. */
  waitForReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => this.client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve())));
  }

  onApplicationShutdown(): void {
    this.health.close();
    this.client.close();
  }

  private deadline(): Date {
    return new Date(Date.now() + this.config.guard.deadline_ms);
  }
}

type Duplex = ReturnType<GuardServiceClient['scanOutputStream']>;

/** Sends windows and matches each verdict to its window; any window past the deadline fails the session. */
export class OutputStreamSession {
  private readonly pending = new Map<number, { resolve: (v: Verdict) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private failed: GuardCallError | undefined;

  constructor(
    private readonly call: Duplex,
    open: OutputStreamOpen,
    private readonly deadlineMs: number,
  ) {
    call.on('data', (response: ScanOutputStreamResponse) => {
      const waiter = this.pending.get(response.seq);
      if (!waiter) return;
      this.pending.delete(response.seq);
      clearTimeout(waiter.timer);
      waiter.resolve(response.verdict!);
    });
    call.on('error', (error: ServiceError) => this.fail(asCallError(error)));
    call.on('end', () => this.fail(new GuardCallError('guard stream ended early', GrpcStatus.UNAVAILABLE)));
    call.write({ open } satisfies ScanOutputStreamRequest);
  }

  scan(seq: number, overlap: number, text: string, final: boolean): Promise<Verdict> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new GuardCallError(`guard did not answer within ${this.deadlineMs} ms`, GrpcStatus.DEADLINE_EXCEEDED)), this.deadlineMs);
      this.pending.set(seq, { resolve, reject, timer });
      this.call.write({ window: { seq, overlap, text, final } } satisfies ScanOutputStreamRequest);
    });
  }

  close(): void {
    if (!this.failed) this.failed = new GuardCallError('closed', GrpcStatus.CANCELLED);
    this.call.end();
    this.call.cancel();
  }

  private fail(error: GuardCallError): void {
    if (!this.failed) this.failed = error;
    for (const [seq, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(this.failed);
      this.pending.delete(seq);
    }
  }
}

function asCallError(error: ServiceError): GuardCallError {
  return new GuardCallError(error.details || error.message, error.code);
}

function channelCredentials(config: AppConfig): ChannelCredentials {
  const { tls_ca, tls_cert, tls_key } = config.guard;
  if (!tls_ca && !tls_cert) return grpcCredentials.createInsecure();
  const read = (file: string) => (file ? readFileSync(file) : null);
  return grpcCredentials.createSsl(read(tls_ca), read(tls_key), read(tls_cert));
}
