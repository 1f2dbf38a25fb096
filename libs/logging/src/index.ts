export { createNestLogger, createPino, nestLogLevels, PinoNestLogger, REDACTED_PATHS } from './nest.logger.js';
