import { ConfigError, loadConfig } from './config.loader.js';
import type { AppConfig } from './config.schema.js';

/** For `main.ts`: a bad configuration prints every problem and exits 1 before anything listens. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
