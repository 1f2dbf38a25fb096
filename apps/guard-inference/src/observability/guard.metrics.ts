// Every series guard-inference exports (the README lists them). Labels are bounded: scanner names
// come from the configured policies, methods from the proto, models from the models directory.
import { Injectable } from '@nestjs/common';
import type { Verdict } from '@ollama-guard/contracts';
import { MetricsRegistry } from '@ollama-guard/metrics';

@Injectable()
export class GuardMetrics {
  readonly grpcServerDuration;
  readonly scannerVerdicts;
  readonly scanDuration;
  readonly onnxBatchSize;
  readonly onnxInferenceDuration;

  constructor(metrics: MetricsRegistry) {
    this.grpcServerDuration = metrics.histogram({ name: 'grpc_server_duration_seconds', help: 'gRPC calls served, by method and status code.', labelNames: ['method', 'code'] });
    this.scannerVerdicts = metrics.counter({
      name: 'scanner_verdicts_total',
      help: 'Scanner runs by scanner, direction (input, output) and result (pass, fail, error); cached verdicts are not counted again.',
      labelNames: ['scanner', 'direction', 'result'],
    });
    this.scanDuration = metrics.histogram({
      name: 'scan_duration_seconds',
      help: 'Time one scanner took on one scan, by scanner and direction.',
      labelNames: ['scanner', 'direction'],
      buckets: [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    });
    this.onnxBatchSize = metrics.histogram({
      name: 'onnx_batch_size',
      help: 'Texts scored together in one model call (micro-batching), by model.',
      labelNames: ['model'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    });
    this.onnxInferenceDuration = metrics.histogram({
      name: 'onnx_inference_duration_seconds',
      help: 'Time of one model call on a worker thread (featurization and ONNX Runtime), by model.',
      labelNames: ['model'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    });
  }

  /** A verdict that was computed (not served from the cache): one observation per scanner. */
  observeVerdict(direction: 'input' | 'output', verdict: Verdict): void {
    for (const result of verdict.results) {
      this.scannerVerdicts.inc({ scanner: result.name, direction, result: result.error ? 'error' : result.passed ? 'pass' : 'fail' });
      this.scanDuration.observe({ scanner: result.name, direction }, result.durationMs / 1000);
    }
  }
}
