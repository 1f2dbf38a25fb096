import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module.js';
import { ProxyService } from '../proxy/proxy.service.js';
import { GuardClient } from './guard.client.js';
import { GuardService } from './guard.service.js';
import { GuardedProxyService } from './guarded-proxy.service.js';
import { LocalGuard } from './local.guard.js';
import { PolicyFingerprints } from './policy.fingerprints.js';
import { ScanController } from './scan.controller.js';

@Module({
  imports: [UpstreamModule],
  controllers: [ScanController],
  providers: [GuardClient, LocalGuard, PolicyFingerprints, GuardService, GuardedProxyService, ProxyService],
  exports: [GuardService, GuardedProxyService, ProxyService, GuardClient],
})
export class GuardModule {}
