// Compiles apps/ and libs/ to dist/ with swc (type checking is `npm run typecheck`).
// Non-TypeScript assets the apps read at run time (proto files) are used from the source tree.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { root, swcOptions } from './swc-options.mjs';

const sources = ['apps', 'libs'];
const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !/\.(spec|test|e2e)\.ts$/.test(name);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (isSource(entry.name)) yield path;
  }
}

const out = join(root, 'dist');
await rm(out, { recursive: true, force: true });
let count = 0;
for (const dir of sources) {
  for await (const file of walk(join(root, dir))) {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...swcOptions, filename: file, outputPath: target });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
    count++;
  }
}
console.log(`built ${count} files into dist/`);
