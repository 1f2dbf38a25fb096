import { Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { GuardMetrics } from '../observability/guard.metrics.js';
import { resolve } from 'node:path';
import { InferencePool } from './inference.pool.js';
import { defaultModelDirs } from './ml-scanner.factory.js';

/**
 * Owns the InferencePool's lifecycle. Starting it in onModuleInit holds the application back until
 * every model is loaded in every worker, so nothing serves (or reports ready) with models missing.
 */
@Injectable()
export class InferenceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Inference');
  private current: InferencePool | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    // Optional: the module also runs on its own (tests, tools) without the app's metrics.
    @Optional() private readonly metrics?: GuardMetrics,
  ) {}

  /** The running pool; throws before onModuleInit has finished. */
  get pool(): InferencePool {
    if (!this.current) throw new Error('the inference pool is not started yet (models load during module init)');
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    const { models_dir, workers, threads, max_batch, batch_wait_ms } = this.config.inference;
    const modelsDir = resolve(process.cwd(), models_dir);
    const started = performance.now();
    this.current = await InferencePool.start(defaultModelDirs(modelsDir), {
      workers,
      threads,
      maxBatch: max_batch,
      batchWaitMs: batch_wait_ms,
      logger: this.logger,
    });
    const metrics = this.metrics;
    if (metrics) {
      this.current.onModelCall = (model, texts, ms) => {
        metrics.onnxBatchSize.observe({ model }, texts);
        metrics.onnxInferenceDuration.observe({ model }, ms / 1000);
      };
    }
    const models = Object.entries(this.current.models()).map(([key, m]) => `${key} (${m.version.slice(0, 12)})`);
    this.logger.log(`loaded ${models.join(', ')} from ${modelsDir} into ${workers} worker(s) in ${Math.round(performance.now() - started)} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.current;
    this.current = undefined;
    await pool?.close();
  }
}
