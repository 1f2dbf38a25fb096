import { Global, Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { GuardMetrics } from './guard.metrics.js';
import { ShutdownHook } from './shutdown.hook.js';

@Global()
@Module({ imports: [HealthModule], providers: [GuardMetrics, ShutdownHook], exports: [GuardMetrics] })
export class GuardMetricsModule {}
