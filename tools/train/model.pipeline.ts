import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  COMPACT_FORMAT,
  COMPACT_INPUTS,
  COMPACT_MANIFEST,
  COMPACT_OUTPUTS,
  CompactClassifier,
  HashingFeaturizer,
  buildCompactModel,
  mergeWindowScores,
  wordWindows,
  type CompactManifest,
  type SparseVector,
} from '@ollama-guard/classifier';
import * as ort from 'onnxruntime-node';
import { countRows, VALIDATION_FRACTION, type DataFile } from './dataset.js';
import { toMatrix, trainMlp, type MlpModel } from './mlp.trainer.js';
import type { Example, ModelSpec } from './model.specs.js';
import { Rng } from './prng.js';

export const MODEL_FILE = 'model.onnx';
/** Most windows one long training text contributes (its weight is shared among them). */
const MAX_WINDOWS_PER_TEXT = 4;

export interface TrainedSummary {
  name: string;
  examples: number;
  windows: number;
  seconds: { featurize: number; train: number; total: number };
  onnxBytes: number;
  sha256: string;
  maxAbsDiff: number;
}

/** Windows a training text contributes: all if few, else first, last and seeded picks in between. */
export function trainingWindows(featurizer: HashingFeaturizer, text: string, spec: ModelSpec, rng: Rng): SparseVector[] {
  const windows = wordWindows(featurizer.tokens(text), spec.window.words, spec.window.stride);
  if (windows.length <= MAX_WINDOWS_PER_TEXT) return windows.map((w) => featurizer.featurizeTokens(w));
  const picked = new Set([0, windows.length - 1]);
  while (picked.size < MAX_WINDOWS_PER_TEXT) picked.add(1 + rng.int(windows.length - 2));
  return [...picked].sort((a, b) => a - b).map((i) => featurizer.featurizeTokens(windows[i]!));
}

/** TS reference scoring of a text, windowed exactly like CompactClassifier. */
export function referenceScores(model: MlpModel, featurizer: HashingFeaturizer, spec: ModelSpec, text: string): Record<string, number> {
  const windows = wordWindows(featurizer.tokens(text), spec.window.words, spec.window.stride).map((w) => {
    const p = model.predict(featurizer.featurizeTokens(w));
    return Object.fromEntries(spec.labels.map((l, i) => [l, p[i]!]));
  });
  return mergeWindowScores(windows, spec.benignLabels);
}

export async function trainModel(spec: ModelSpec, files: Record<string, DataFile>, seed: number, outDir: string, log: (msg: string) => void): Promise<TrainedSummary> {
  const t0 = performance.now();
  const data = spec.build(files, seed);
  const featurizer = new HashingFeaturizer(spec.featurizer);
  const rng = Rng.derive(seed, `${spec.name}/windows`);
  const vectors: SparseVector[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (const ex of data.train) {
    const ws = trainingWindows(featurizer, ex.text, spec, rng);
    const label = spec.labels.indexOf(ex.label);
    if (label < 0) throw new Error(`${spec.name}: example label "${ex.label}" is not one of ${spec.labels.join(', ')}`);
    for (const v of ws) {
      vectors.push(v);
      labels.push(label);
      weights.push(ex.weight / ws.length);
    }
  }
  const tFeat = performance.now();
  log(`${spec.name}: ${data.train.length} examples -> ${vectors.length} windows, featurized in ${((tFeat - t0) / 1000).toFixed(1)} s`);

  const mlpConfig = { ...spec.mlp, buckets: spec.featurizer.buckets, classes: spec.labels.length, seed: new Rng(seed).nextUint32() };
  const model = trainMlp(mlpConfig, toMatrix(vectors, labels, weights), (e) => log(`${spec.name}: epoch ${e.epoch}/${mlpConfig.epochs} loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(1)} s)`));
  const tTrain = performance.now();

  const onnxBytes = buildCompactModel(model.toWeights(), { 'ollama-guard.model': spec.name });
  const sha256 = createHash('sha256').update(onnxBytes).digest('hex');
  const maxAbsDiff = await verifyOnnx(onnxBytes, model, data.validation.map((e) => e.text), featurizer, spec);
  if (!(maxAbsDiff < 1e-5)) throw new Error(`${spec.name}: ONNX graph disagrees with the training forward pass (max abs diff ${maxAbsDiff})`);
  log(`${spec.name}: ONNX matches the training forward pass (max abs diff ${maxAbsDiff.toExponential(2)})`);

  const manifest: CompactManifest = {
    format: COMPACT_FORMAT,
    formatVersion: 1,
    name: spec.name,
    description: spec.description,
    labels: spec.labels,
    benignLabels: spec.benignLabels,
    threshold: spec.threshold,
    thresholdReason: spec.thresholdReason,
    featurizer: spec.featurizer,
    window: spec.window,
    onnx: { file: MODEL_FILE, sha256 },
    architecture: {
      type: 'embedding-bag-mlp',
      inputs: COMPACT_INPUTS,
      outputs: COMPACT_OUTPUTS,
      embedding: { rows: spec.featurizer.buckets, dim: spec.mlp.dim, dtype: spec.mlp.float16Embedding ? 'float16' : 'float32' },
      hidden: spec.mlp.hidden,
      classes: spec.labels.length,
    },
    training: {
      command: 'npm run train',
      seed,
      data: spec.dataFiles.map((f) => ({ file: f, sha256: files[f]!.sha256, rows: files[f]!.rows.length })),
      split: { method: 'per (source, label) group, rows ordered by seeded murmur3 of their text, first share held out', validationFraction: VALIDATION_FRACTION },
      rows: { train: countRows(data.trainRows), validation: countRows(data.validationRows) },
      augmented: data.augmented,
      examples: data.train.length,
      windows: vectors.length,
      optimizer: { ...mlpConfig, buckets: undefined, classes: undefined },
    },
  };
  const dir = join(outDir, spec.name);
  await rm(join(dir, MODEL_FILE), { force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MODEL_FILE), onnxBytes);
  await writeFile(join(dir, COMPACT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

  // The shipped directory, loaded the way guard-inference loads it, must agree with training too.
  const loaded = await CompactClassifier.load(dir);
  const sample = data.validation.slice(0, 64).map((e) => e.text);
  const got = await loaded.classify(sample);
  await loaded.dispose();
  sample.forEach((text, i) => {
    const want = referenceScores(model, featurizer, spec, text);
    for (const l of spec.labels) {
      if (Math.abs(want[l]! - got[i]![l]!) >= 1e-5) throw new Error(`${spec.name}: loaded classifier disagrees with training on validation text ${i}`);
    }
  });

  return {
    name: spec.name,
    examples: data.train.length,
    windows: vectors.length,
    seconds: { featurize: (tFeat - t0) / 1000, train: (tTrain - tFeat) / 1000, total: (performance.now() - t0) / 1000 },
    onnxBytes: onnxBytes.length,
    sha256,
    maxAbsDiff,
  };
}

/** Runs the exported graph on windows of the given texts and returns the largest probability difference from the TS forward pass. */
async function verifyOnnx(bytes: Uint8Array, model: MlpModel, texts: string[], featurizer: HashingFeaturizer, spec: ModelSpec): Promise<number> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 });
  const vectors = texts.flatMap((t) => wordWindows(featurizer.tokens(t), spec.window.words, spec.window.stride).map((w) => featurizer.featurizeTokens(w)));
  let maxDiff = 0;
  for (let start = 0; start < vectors.length; start += 32) {
    const batch = vectors.slice(start, start + 32);
    const width = Math.max(1, ...batch.map((v) => v.indices.length));
    const idx = new BigInt64Array(batch.length * width);
    const wts = new Float32Array(batch.length * width);
    batch.forEach((v, b) => {
      v.indices.forEach((x, k) => (idx[b * width + k] = BigInt(x)));
      wts.set(v.values, b * width);
    });
    const out = await session.run({
      [COMPACT_INPUTS.indices]: new ort.Tensor('int64', idx, [batch.length, width]),
      [COMPACT_INPUTS.weights]: new ort.Tensor('float32', wts, [batch.length, width]),
    });
    const probs = out[COMPACT_OUTPUTS.probabilities]!.data as Float32Array;
    batch.forEach((v, b) => {
      const ref = model.predict(v);
      ref.forEach((p, c) => (maxDiff = Math.max(maxDiff, Math.abs(p - probs[b * ref.length + c]!))));
    });
  }
  await session.release();
  return maxDiff;
}

export type { Example };
