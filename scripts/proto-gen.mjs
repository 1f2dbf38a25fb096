// `npm run proto:gen`: regenerates libs/contracts/src/generated from proto/ with buf and ts-proto.
// A test runs the same generation into a temporary folder and fails if the committed files differ.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './swc-options.mjs';

export function generate(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  const template = JSON.stringify({
    version: 'v2',
    plugins: [{ local: join(root, 'node_modules/.bin/protoc-gen-ts_proto'), out: outDir, opt: OPTIONS }],
  });
  execFileSync(join(root, 'node_modules/.bin/buf'), ['generate', '--template', template], { cwd: root, stdio: 'inherit' });
}

export const OPTIONS = ['outputServices=grpc-js', 'esModuleInterop=true', 'importSuffix=.js', 'stringEnums=true', 'useOptionals=none', 'env=node', 'unrecognizedEnum=false'];

if (process.argv[1] === import.meta.filename) {
  generate(join(root, 'libs/contracts/src/generated'));
  console.log('generated libs/contracts/src/generated');
}
