import { Controller } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import type { HealthCheckRequest, HealthCheckResponse } from '@ollama-guard/contracts';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { map, type Observable } from 'rxjs';
import { HealthRegistry } from './health.registry.js';

/** grpc.health.v1.Health, for Kubernetes `grpc` probes and the gateway's readiness check. */
@Controller()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @GrpcMethod('Health', 'Check')
  check(request: HealthCheckRequest): HealthCheckResponse {
    const status = this.registry.get(request.service ?? '');
    // The protocol asks for NOT_FOUND on services the server does not know.
    if (status === undefined) throw new RpcException({ code: GrpcStatus.NOT_FOUND, message: `unknown service "${request.service}"` });
    return { status };
  }

  @GrpcMethod('Health', 'Watch')
  watch(request: HealthCheckRequest): Observable<HealthCheckResponse> {
    return this.registry.watch(request.service ?? '').pipe(map((status) => ({ status })));
  }
}
