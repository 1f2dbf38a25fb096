// OpenTelemetry, started before the app is built so every span has a provider. Configured only by
// the standard OTEL_* variables (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME,
// OTEL_TRACES_SAMPLER, ...). Spans are made by our own code (HTTP, upstream, gRPC both sides,
// Redis, each scanner) rather than by monkey-patching modules, which ES modules do not allow
// without a loader hook.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  env?: Record<string, string | undefined>;
  /** Tests: export to this exporter (synchronously) instead of OTLP. */
  exporter?: SpanExporter;
}

/** Whether the environment asks for traces at all; without it no SDK runs and spans cost nothing. */
export function tracingRequested(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_TRACES_EXPORTER);
}

let running: NodeSDK | undefined;

export function startTracing(service: string, options: TracingOptions = {}): NodeSDK | undefined {
  const env = options.env ?? process.env;
  if (running || (!options.exporter && !tracingRequested(env))) return running;
  running = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || service }),
    ...(options.exporter ? { spanProcessors: [new SimpleSpanProcessor(options.exporter)] } : {}),
    instrumentations: [],
  });
  running.start();
  return running;
}

/** Whether an SDK records spans in this process: hot paths skip span bookkeeping when not. */
export function tracingActive(): boolean {
  return running !== undefined;
}

export async function stopTracing(): Promise<void> {
  const sdk = running;
  running = undefined;
  await sdk?.shutdown();
}
