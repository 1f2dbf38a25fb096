import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppLifecycle } from './app.lifecycle.js';
import { HealthChecks } from './health.checks.js';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [AppLifecycle, HealthChecks],
  exports: [AppLifecycle, HealthChecks],
})
export class HealthModule {}
