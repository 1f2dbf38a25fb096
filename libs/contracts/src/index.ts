export { HEALTH_PACKAGE, HEALTH_PROTO, PROTO_DIR } from './proto.paths.js';
export type { HealthCheckRequest, HealthCheckResponse, ServingStatus } from './health.contract.js';
