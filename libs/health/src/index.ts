// Health probes (Terminus): liveness, readiness with dependencies, startup, and the process phase.
export { AppLifecycle, type AppPhase } from './app.lifecycle.js';
export { HealthChecks, type DependencyCheck, type ProbeAnswer, type ProbeKind } from './health.checks.js';
export { HealthModule } from './health.module.js';
export { armShutdownWatchdog } from './shutdown.watchdog.js';
