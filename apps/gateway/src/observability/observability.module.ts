import { Global, Module } from '@nestjs/common';
import { GuardModule } from '../guard/guard.module.js';
import { UpstreamModule } from '../upstream/upstream.module.js';
import { GatewayMetrics } from './gateway.metrics.js';
import { ReadinessChecks } from './readiness.checks.js';

@Global()
@Module({ providers: [GatewayMetrics], exports: [GatewayMetrics] })
export class GatewayMetricsModule {}

@Module({ imports: [GuardModule, UpstreamModule], providers: [ReadinessChecks] })
export class ReadinessModule {}
