import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelLoadError, loadClassifier } from '../src/index.js';
import { writeTinyCompactModel } from './compact.fixture.js';
import { tinyHfModelBytes, writeTinyHfModel } from './tiny-hf.fixture.js';

let root: string;
let n = 0;
const fresh = () => join(root, `m${n++}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'og-loader-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Loading must fail with a ModelLoadError whose message starts with the offending file. */
async function expectLoadError(dir: string, file: string, reason: RegExp): Promise<void> {
  const err = await loadClassifier(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelLoadError);
  const e = err as ModelLoadError;
  expect(e.file).toBe(file);
  expect(e.message.startsWith(`${file}: `)).toBe(true);
  expect(e.message).toMatch(reason);
}

describe('loadClassifier: malformed model directories', () => {
  it('a missing directory', async () => {
    await expectLoadError(join(root, 'nope'), join(root, 'nope'), /model directory not found/);
  });

  it('a directory with neither format', async () => {
    const dir = fresh();
    await mkdir(dir);
    await writeFile(join(dir, 'README.md'), 'hi');
    await expectLoadError(dir, dir, /not a model directory: expected classifier\.json .* config\.json \+ tokenizer\.json/);
  });

  it('compact: classifier.json that is not JSON', async () => {
    const dir = await writeTinyCompactModel(fresh());
    await writeFile(join(dir, 'classifier.json'), '{ "format": "ollama-guard-compact", ');
    await expectLoadError(dir, join(dir, 'classifier.json'), /invalid JSON/);
  });

  it('compact: classifier.json with a wrong field names the field', async () => {
    const dir = await writeTinyCompactModel(fresh());
    const manifest = JSON.parse(await readFile(join(dir, 'classifier.json'), 'utf8'));
    manifest.featurizer.buckets = 'many';
    await writeFile(join(dir, 'classifier.json'), JSON.stringify(manifest));
    await expectLoadError(dir, join(dir, 'classifier.json'), /invalid featurizer\.buckets/);
  });

  it('compact: benign label that is not a label', async () => {
    const dir = await writeTinyCompactModel(fresh(), { manifest: { benignLabels: ['safe'] } });
    await expectLoadError(dir, join(dir, 'classifier.json'), /benignLabels/);
  });

  it('compact: missing model.onnx', async () => {
    const dir = await writeTinyCompactModel(fresh());
    await unlink(join(dir, 'model.onnx'));
    await expectLoadError(dir, join(dir, 'model.onnx'), /file not found/);
  });

  it('compact: corrupt model.onnx', async () => {
    const dir = await writeTinyCompactModel(fresh());
    await writeFile(join(dir, 'model.onnx'), 'definitely not protobuf');
    await expectLoadError(dir, join(dir, 'model.onnx'), /onnxruntime cannot load it/);
  });

  it('compact: model.onnx from another training (sha256 mismatch)', async () => {
    const dir = await writeTinyCompactModel(fresh(), { float16: true });
    const other = await writeTinyCompactModel(fresh());
    await writeFile(join(dir, 'model.onnx'), await readFile(join(other, 'model.onnx')));
    await expectLoadError(dir, join(dir, 'model.onnx'), /sha256 .* does not match classifier\.json/);
  });

  it('compact: a graph without the compact inputs', async () => {
    const dir = await writeTinyCompactModel(fresh());
    const bytes = tinyHfModelBytes(false);
    await writeFile(join(dir, 'model.onnx'), bytes);
    const manifest = JSON.parse(await readFile(join(dir, 'classifier.json'), 'utf8'));
    manifest.onnx.sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(dir, 'classifier.json'), JSON.stringify(manifest));
    await expectLoadError(dir, join(dir, 'model.onnx'), /graph lacks input "indices"/);
  });

  it('hf: config.json without id2label', async () => {
    const dir = await writeTinyHfModel(fresh());
    await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert' }));
    await expectLoadError(dir, join(dir, 'config.json'), /invalid id2label/);
  });

  it('hf: tokenizer.json that is not JSON', async () => {
    const dir = await writeTinyHfModel(fresh());
    await writeFile(join(dir, 'tokenizer.json'), '<html>rate limited</html>');
    await expectLoadError(dir, join(dir, 'tokenizer.json'), /invalid JSON/);
  });

  it('hf: missing tokenizer.json', async () => {
    const dir = await writeTinyHfModel(fresh());
    await unlink(join(dir, 'tokenizer.json'));
    await expectLoadError(dir, join(dir, 'tokenizer.json'), /file not found/);
  });

  it('hf: missing model.onnx', async () => {
    const dir = await writeTinyHfModel(fresh());
    await unlink(join(dir, 'model.onnx'));
    await expectLoadError(dir, join(dir, 'model.onnx'), /file not found/);
  });

  it('hf: a graph without input_ids', async () => {
    const hf = await writeTinyHfModel(fresh());
    const compact = await writeTinyCompactModel(fresh());
    await writeFile(join(hf, 'model.onnx'), await readFile(join(compact, 'model.onnx')));
    await expectLoadError(hf, join(hf, 'model.onnx'), /graph lacks input "input_ids"/);
  });
});
