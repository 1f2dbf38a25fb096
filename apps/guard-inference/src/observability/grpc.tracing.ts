// The server side of a gRPC call: continue the caller's trace from the metadata, time the call.
import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { context, extractContext, SpanKind, trace, tracer } from '@ollama-guard/tracing';
import { performance } from 'node:perf_hooks';
import type { GuardMetrics } from './guard.metrics.js';

function codeOf(error: unknown): string {
  const code = error instanceof RpcException ? (error.getError() as { code?: number }).code : undefined;
  return code === undefined ? 'INTERNAL' : (GrpcStatus[code] ?? String(code));
}

/** The caller's trace context from gRPC metadata (`traceparent`), or the active one. */
function parentOf(metadata: Metadata | undefined) {
  return metadata
    ? extractContext(
        metadata,
        (m, key) => m.get(key).map(String)[0],
        (m) => Object.keys(m.getMap()),
      )
    : context.active();
}

/**
 * A streaming call's span lives as long as the stream: `run` executes each message's work under
 * it; `end` records the call once, however it ended.
 */
export function streamTraced(metrics: GuardMetrics, method: string, metadata: Metadata | undefined) {
  const started = performance.now();
  const parent = parentOf(metadata);
  const span = tracer().startSpan(`guard.v1.GuardService/${method}`, { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': method } }, parent);
  const active = trace.setSpan(parent, span);
  let ended = false;
  return {
    run: <T>(work: () => Promise<T>): Promise<T> => context.with(active, work),
    end(error?: unknown): void {
      if (ended) return;
      ended = true;
      metrics.grpcServerDuration.observe({ method, code: error === undefined ? 'OK' : codeOf(error) }, (performance.now() - started) / 1000);
      if (error !== undefined) span.setStatus({ code: 2, message: (error as Error)?.message });
      span.end();
    },
  };
}

export async function serveTraced<T>(metrics: GuardMetrics, method: string, metadata: Metadata | undefined, handler: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const parent = parentOf(metadata);
  const span = tracer().startSpan(`guard.v1.GuardService/${method}`, { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': method } }, parent);
  try {
    const result = await context.with(trace.setSpan(parent, span), handler);
    metrics.grpcServerDuration.observe({ method, code: 'OK' }, (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    metrics.grpcServerDuration.observe({ method, code: codeOf(error) }, (performance.now() - started) / 1000);
    span.setStatus({ code: 2, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}
