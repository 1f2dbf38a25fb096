// Span helpers used across both apps. With no SDK started these are no-ops.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

export const tracer = () => trace.getTracer('ollama-guard');

export { context, SpanKind, trace, type Context, type Span };

/** Runs `fn` in a new active span; errors mark the span and propagate. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL, parent?: Context): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export function failSpan(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** Writes the active trace context into any header-like carrier (HTTP headers, gRPC metadata). */
export function injectContext<C>(carrier: C, set: (carrier: C, key: string, value: string) => void, from: Context = context.active()): C {
  propagation.inject(from, carrier, { set });
  return carrier;
}

/** Reads a trace context sent by the caller (`traceparent`, `tracestate`). */
export function extractContext<C>(carrier: C, get: (carrier: C, key: string) => string | undefined, keys: (carrier: C) => string[]): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, { get, keys });
}

/** The active trace and span ids, for log lines. */
export function traceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!traceFlags && traceId === '00000000000000000000000000000000') return undefined;
  return { trace_id: traceId, span_id: spanId };
}

/**
 * A span for work already timed with performance.now() (a scanner call that takes microseconds):
 * exact start and end, under the active span. Skipped when nothing records, so it costs nothing
 * without tracing.
 */
export function recordSpan(name: string, startMs: number, endMs: number, attributes: Attributes, error?: string): void {
  if (!trace.getActiveSpan()?.isRecording()) return;
  const span = tracer().startSpan(name, { startTime: performance.timeOrigin + startMs, attributes });
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
  span.end(performance.timeOrigin + endMs);
}
