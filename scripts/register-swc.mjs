// `node --import ./scripts/register-swc.mjs file.ts` runs TypeScript (tools, training, benchmarks)
// through the same swc settings as the build, without a separate compile step.
import { register } from 'node:module';

register('./swc-loader.mjs', import.meta.url);
