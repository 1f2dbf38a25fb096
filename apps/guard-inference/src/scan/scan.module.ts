import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { MlModule } from '../ml/index.js';
import { GuardController } from './guard.controller.js';
import { PolicyRegistry } from './policy.registry.js';

@Module({ imports: [MlModule, HealthModule], controllers: [GuardController], providers: [PolicyRegistry] })
export class ScanModule {}
