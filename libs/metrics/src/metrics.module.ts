import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry.js';

/** The app's Prometheus registry; every module defines its own series on it. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry(service) }], exports: [MetricsRegistry] };
  }
}
