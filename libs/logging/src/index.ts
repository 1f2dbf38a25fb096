export { createNestLogger, nestLogLevels } from './nest.logger.js';
