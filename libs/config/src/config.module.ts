import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config.schema.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the validated, frozen {@link AppConfig}. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

/**
 * The config is loaded in `main.ts` before Nest starts (it decides ports and body limits,
 * and a bad value must stop the process before anything listens), then handed in here.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
