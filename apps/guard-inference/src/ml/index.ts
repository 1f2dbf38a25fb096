export { InferencePool, type ClassifyResult, type InferencePoolOptions, type InferenceStats, type ModelInfo, type ModelSpec } from './inference.pool.js';
export { MicroBatcher, type BatchRunner, type MicroBatcherOptions } from './micro.batcher.js';
export { defaultModelDirs, ML_SCANNERS, OnnxScanner, OnnxScannerFactory, type MlScannerSpec, type OnnxScannerFactoryOptions } from './ml-scanner.factory.js';
export { InferenceService } from './inference.service.js';
export { ML_SCANNER_FACTORY, MlModule } from './ml.module.js';
