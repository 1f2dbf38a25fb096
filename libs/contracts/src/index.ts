// The gRPC contracts: generated from proto/ (never written by hand) plus where to load them from.
export { GUARD_PACKAGE, GUARD_PROTO, HEALTH_PACKAGE, HEALTH_PROTO, PROTO_DIR } from './proto.paths.js';
export {
  HealthCheckRequest,
  HealthCheckResponse,
  HealthCheckResponse_ServingStatus as ServingStatus,
  HealthClient,
} from './generated/grpc/health/v1/health.js';
export * from './generated/guard/v1/guard.js';
