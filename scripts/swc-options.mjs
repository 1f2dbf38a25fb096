// One swc configuration for the build, the benchmark loader and the tests, so all three
// compile the same decorators and path aliases the same way.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: { '@ollama-guard/*': ['libs/*/src/index.ts'] },
  },
  module: { type: 'es6', resolveFully: true },
  sourceMaps: true,
};
