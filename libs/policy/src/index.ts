export type { Action, Direction, MlScannerFactory, PolicyScanContext, PolicyScanner, PolicySettings, ScanFinding, ScannerSettings } from './policy.types.js';
export { DEFAULT_SCANNERS, RULE_THRESHOLD, type DefaultScanner } from './policy.defaults.js';
export { buildPolicies, ML_SCANNER_NAMES, PolicyConfigError, resolveSettings, type BuildOptions } from './policy.builder.js';
export { CompiledPolicy, type BoundScanner, type RunContext, type ScannerOutcome, type VerdictModel } from './policy.runner.js';
export { shortHash, stableJson } from './rule.scanner-adapter.js';
export { hasScannerError, toWireVerdict, vaultFrom } from './verdict.mapper.js';
