// The admin port both apps serve: probes, /metrics, /config, /stats, the cache endpoints.
export { AdminModule } from './admin.module.js';
export { AdminHttpError, AdminServer, type AdminRoute } from './admin.server.js';
export { redactedConfig } from './config.redaction.js';
export { StatsRegistry } from './stats.registry.js';
