// Node module hooks: resolve `@ollama-guard/<lib>` and extension-less `.js` imports to .ts sources,
// and compile .ts with swc on load.
import { transform } from '@swc/core';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { root, swcOptions } from './swc-options.mjs';

const { baseUrl: _b, paths: _p, ...jsc } = swcOptions.jsc;
const options = { ...swcOptions, jsc, module: { type: 'es6' } };

export async function resolve(specifier, context, next) {
  const lib = /^@ollama-guard\/([^/]+)$/.exec(specifier);
  if (lib) return { url: pathToFileURL(join(root, 'libs', lib[1], 'src/index.ts')).href, shortCircuit: true };
  if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts') && specifier.startsWith('.')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = await transform(await readFile(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  return { format: 'module', source: code, shortCircuit: true };
}
