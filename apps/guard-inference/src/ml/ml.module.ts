import { Module } from '@nestjs/common';
import { InferenceService } from './inference.service.js';
import { OnnxScannerFactory } from './ml-scanner.factory.js';

/** Injection token of the MlScannerFactory (an OnnxScannerFactory) that policies build their ML scanners with. */
export const ML_SCANNER_FACTORY = Symbol('ML_SCANNER_FACTORY');

/**
 * The ONNX models and the ML scanners built on them. Needs the global ConfigModule. Modules whose
 * onModuleInit builds scanners must import this module, so that Nest runs its init (the model
 * loading) first.
 */
@Module({
  providers: [
    InferenceService,
    // Lazy pool: Nest instantiates providers before any onModuleInit, i.e. before the models load.
    { provide: ML_SCANNER_FACTORY, useFactory: (inference: InferenceService) => new OnnxScannerFactory(() => inference.pool), inject: [InferenceService] },
  ],
  exports: [ML_SCANNER_FACTORY, InferenceService],
})
export class MlModule {}
