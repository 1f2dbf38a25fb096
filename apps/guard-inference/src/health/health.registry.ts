import { Injectable } from '@nestjs/common';
import { ServingStatus } from '@ollama-guard/contracts';
import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';

/**
 * Serving status per gRPC service name ('' is the server as a whole), as grpc.health.v1 defines it.
 * Later capabilities (model loading, shutdown) flip these; the Health controller only reads them.
 */
@Injectable()
export class HealthRegistry {
  private readonly statuses = new BehaviorSubject<ReadonlyMap<string, ServingStatus>>(new Map([['', ServingStatus.SERVING]]));

  set(service: string, status: ServingStatus): void {
    const next = new Map(this.statuses.value);
    next.set(service, status);
    this.statuses.next(next);
  }

  /** `undefined` for a service nobody registered. */
  get(service: string): ServingStatus | undefined {
    return this.statuses.value.get(service);
  }

  watch(service: string): Observable<ServingStatus> {
    return this.statuses.pipe(
      map((statuses) => statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN),
      distinctUntilChanged(),
    );
  }
}
