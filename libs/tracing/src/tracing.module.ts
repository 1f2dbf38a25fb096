import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing.sdk.js';

/** Flushes spans still batched when the app shuts down (last, after requests drained). */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

@Module({ providers: [TracingShutdown] })
export class TracingModule {}
