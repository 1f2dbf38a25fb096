// Tracing: the OpenTelemetry SDK (OTEL_* configuration) and the span helpers both apps use.
export { startTracing, stopTracing, tracingActive, tracingRequested, type TracingOptions } from './tracing.sdk.js';
export { context, extractContext, failSpan, injectContext, recordSpan, SpanKind, trace, traceIds, tracer, withSpan, type Context, type Span } from './tracing.spans.js';
export { TracingModule } from './tracing.module.js';
