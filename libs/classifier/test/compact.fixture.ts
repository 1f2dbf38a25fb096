import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COMPACT_FORMAT, HashingFeaturizer, buildCompactModel, murmur3, roundToFloat16, type CompactManifest, type CompactModelWeights, type HashingFeaturizerConfig } from '../src/index.js';

/**
 * A compact model with hand-set weights: word unigrams only, and only the bucket of "attack" pushes
 * towards the risk class, so tests know exactly what every text must score.
 */
export const TINY_FEATURIZER: HashingFeaturizerConfig = {
  type: 'hashed-ngrams',
  version: 1,
  buckets: 1 << 16,
  wordNgrams: [1, 1],
  charNgrams: [0, 0],
  wordWeight: 1,
  charWeight: 1,
  sublinearTf: true,
  seed: 7,
};

export function bucketOf(word: string, config = TINY_FEATURIZER): number {
  const bytes = new TextEncoder().encode(word);
  return murmur3(bytes, 0, bytes.length, (config.seed + 0x9e3779b1 * 1) >>> 0) & (config.buckets - 1);
}

export function tinyCompactWeights(float16 = false): CompactModelWeights {
  const dim = 2;
  const embedding = new Float32Array(TINY_FEATURIZER.buckets * dim);
  embedding[bucketOf('attack') * dim + 1] = 50;
  embedding[bucketOf('mild') * dim + 1] = 0.7;
  const w: CompactModelWeights = {
    buckets: TINY_FEATURIZER.buckets,
    dim,
    embedding,
    embeddingBias: new Float32Array([1, 0]),
    layers: [{ inDim: 2, outDim: 2, weight: new Float32Array([1, 0, 0, 1]), bias: new Float32Array([0, 0]) }],
  };
  if (float16) w.embeddingFloat16 = roundToFloat16(embedding);
  return w;
}

/** TS forward pass of the tiny model for one window (what the ONNX graph must reproduce). */
export function tinyReference(text: string, weights: CompactModelWeights): number {
  const v = new HashingFeaturizer(TINY_FEATURIZER).featurize(text);
  const z = [weights.embeddingBias[0]!, weights.embeddingBias[1]!];
  v.indices.forEach((idx, k) => {
    z[0]! += v.values[k]! * weights.embedding[idx * 2]!;
    z[1]! += v.values[k]! * weights.embedding[idx * 2 + 1]!;
  });
  const h = z.map((x) => Math.max(0, x));
  const e0 = Math.exp(h[0]!);
  const e1 = Math.exp(h[1]!);
  return e1 / (e0 + e1);
}

export async function writeTinyCompactModel(dir: string, opts: { float16?: boolean; window?: { words: number; stride: number }; manifest?: Partial<CompactManifest> } = {}): Promise<string> {
  const bytes = buildCompactModel(tinyCompactWeights(opts.float16));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.onnx'), bytes);
  const manifest: CompactManifest = {
    format: COMPACT_FORMAT,
    formatVersion: 1,
    name: 'tiny',
    labels: ['benign', 'attack'],
    benignLabels: ['benign'],
    threshold: 0.5,
    featurizer: TINY_FEATURIZER,
    window: opts.window ?? { words: 8, stride: 2 },
    onnx: { file: 'model.onnx', sha256: createHash('sha256').update(bytes).digest('hex') },
    ...opts.manifest,
  };
  await writeFile(join(dir, 'classifier.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
