import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from '@ollama-guard/admin';
import { CacheModule } from '@ollama-guard/cache';
import { ConfigModule, type AppConfig } from '@ollama-guard/config';
import { HealthModule as ProbesModule } from '@ollama-guard/health';
import { MetricsModule } from '@ollama-guard/metrics';
import { TracingModule } from '@ollama-guard/tracing';
import { GuardMetricsModule } from './observability/observability.module.js';
import { HealthModule } from './health/health.module.js';
import { ScanModule } from './scan/scan.module.js';

@Module({})
export class GuardModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GuardModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule.forRoot('guard-inference'),
        GuardMetricsModule,
        ProbesModule,
        CacheModule.forRoot('guard-inference', { sharedOnly: true }),
        AdminModule.forRoot((c) => c.inference.admin_port),
        HealthModule,
        ScanModule,
        TracingModule,
      ],
    };
  }
}
