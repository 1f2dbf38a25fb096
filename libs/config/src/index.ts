export { ConfigError, CONFIG_FILE_ENV, configEntries, loadConfig, type ConfigEntry, type LoadConfigOptions } from './config.loader.js';
export { APP_CONFIG, ConfigModule, InjectConfig } from './config.module.js';
export { configSchema, type AppConfig } from './config.schema.js';
export { loadConfigOrExit } from './config.boot.js';
export { DOCS_BEGIN, DOCS_END, renderConfigTable } from './config.docs.js';
export { ACTIONS, DIRECTIONS, parsePolicies, type ActionName, type PoliciesConfig, type PolicyOverride, type ScannerOverride } from './policies.key.js';
