import { join } from 'node:path';
import { z } from 'zod';
import type { LabelScores, LoadClassifierOptions, TextClassifier } from './classifier.types.js';
import { mergeWindowScores, riskScore } from './classifier.types.js';
import { FEATURIZER_VERSION, HashingFeaturizer, type SparseVector } from './hashing.featurizer.js';
import { readJsonFile } from './json.file.js';
import { ModelLoadError } from './model-load.error.js';
import { COMPACT_INPUTS, COMPACT_OUTPUTS } from './onnx.graph-builder.js';
import { int64TensorFrom, openSession, ort } from './onnx.session.js';

export const COMPACT_MANIFEST = 'classifier.json';
export const COMPACT_FORMAT = 'ollama-guard-compact';

const featurizerSchema = z.object({
  type: z.literal('hashed-ngrams'),
  version: z.literal(FEATURIZER_VERSION),
  buckets: z.number().int().positive(),
  wordNgrams: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  charNgrams: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  wordWeight: z.number(),
  charWeight: z.number(),
  sublinearTf: z.boolean(),
  seed: z.number().int().nonnegative(),
});

export const compactManifestSchema = z
  .object({
    format: z.literal(COMPACT_FORMAT),
    formatVersion: z.literal(1),
    name: z.string().min(1),
    description: z.string().optional(),
    labels: z.array(z.string().min(1)).min(2),
    benignLabels: z.array(z.string()),
    threshold: z.number().min(0).max(1),
    thresholdReason: z.string().optional(),
    featurizer: featurizerSchema,
    /** Texts longer than `words` normalized words are scored in overlapping windows. */
    window: z.object({ words: z.number().int().positive(), stride: z.number().int().nonnegative() }),
    onnx: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  })
  .loose();

export type CompactManifest = z.infer<typeof compactManifestSchema>;

/** Canonical identity of a featurization: config fields in a fixed order, plus the window. */
function featuresKey(f: CompactManifest['featurizer'], words: number, overlap: number): string {
  return JSON.stringify([f.type, f.version, f.buckets, f.wordNgrams, f.charNgrams, f.wordWeight, f.charWeight, f.sublinearTf, f.seed, words, overlap]);
}

/** Word windows of a long token list: `size` words, consecutive windows sharing `overlap` words; the last window ends at the text's end. */
export function wordWindows(tokens: readonly string[], size: number, overlap: number): string[][] {
  if (tokens.length <= size) return [tokens as string[]];
  const step = Math.max(1, size - Math.min(overlap, size - 1));
  const out: string[][] = [];
  for (let start = 0; ; start += step) {
    if (start + size >= tokens.length) {
      out.push(tokens.slice(Math.max(0, tokens.length - size)));
      return out;
    }
    out.push(tokens.slice(start, start + size));
  }
}

export class CompactClassifier implements TextClassifier {
  readonly format = 'compact' as const;
  readonly name: string;
  readonly labels: readonly string[];
  readonly benignLabels: readonly string[];
  readonly threshold: number;
  readonly maxBatch: number;
  /**
   * Equal for two compact models exactly when they turn a text into the same feature windows
   * (featurizer config and window settings), so one featurization can serve both.
   */
  readonly featuresKey: string;
  private readonly featurizer: HashingFeaturizer;
  private readonly windowWords: number;
  private readonly windowOverlap: number;

  private constructor(
    readonly manifest: CompactManifest,
    readonly version: string,
    private readonly session: ort.InferenceSession,
    opts: LoadClassifierOptions,
  ) {
    this.name = manifest.name;
    this.labels = manifest.labels;
    this.benignLabels = opts.benignLabels ?? manifest.benignLabels;
    this.threshold = opts.threshold ?? manifest.threshold;
    this.maxBatch = opts.maxBatch ?? 32;
    this.featurizer = new HashingFeaturizer(manifest.featurizer);
    this.windowWords = opts.maxLength ?? manifest.window.words;
    this.windowOverlap = opts.stride ?? manifest.window.stride;
    this.featuresKey = featuresKey(manifest.featurizer, this.windowWords, this.windowOverlap);
  }

  static async load(dir: string, opts: LoadClassifierOptions = {}): Promise<CompactClassifier> {
    const manifestPath = join(dir, COMPACT_MANIFEST);
    const manifest = await readJsonFile(manifestPath, compactManifestSchema);
    const { buckets } = manifest.featurizer;
    if ((buckets & (buckets - 1)) !== 0) throw new ModelLoadError(manifestPath, `invalid featurizer.buckets: ${buckets} is not a power of two`);
    for (const b of manifest.benignLabels) {
      if (!manifest.labels.includes(b)) throw new ModelLoadError(manifestPath, `invalid benignLabels: "${b}" is not one of labels`);
    }
    const onnxPath = join(dir, manifest.onnx.file);
    const { session, sha256 } = await openSession(onnxPath, opts, {
      inputs: [COMPACT_INPUTS.indices, COMPACT_INPUTS.weights],
      outputs: [COMPACT_OUTPUTS.probabilities],
    });
    if (sha256 !== manifest.onnx.sha256) {
      await session.release();
      throw new ModelLoadError(onnxPath, `sha256 ${sha256} does not match ${COMPACT_MANIFEST} (${manifest.onnx.sha256}); the directory mixes files of different trainings`);
    }
    return new CompactClassifier(manifest, sha256, session, opts);
  }

  /** Feature vectors of a text's windows (one unless the text exceeds the window). */
  featurizeWindows(text: string): SparseVector[] {
    const tokens = this.featurizer.tokens(text);
    return wordWindows(tokens, this.windowWords, this.windowOverlap).map((w) => this.featurizer.featurizeTokens(w));
  }

  risk(scores: LabelScores): number {
    return riskScore(scores, this.benignLabels);
  }

  async classify(texts: string[]): Promise<LabelScores[]> {
    return this.classifyFeatures(texts.map((text) => this.featurizeWindows(text)));
  }

  /**
   * Scores texts already featurized by featurizeWindows() (of this model, or of any model with the
   * same featuresKey): one entry per text, its windows' vectors; windows merge as in classify().
   */
  async classifyFeatures(texts: readonly SparseVector[][]): Promise<LabelScores[]> {
    const owner: number[] = [];
    const vectors: SparseVector[] = [];
    texts.forEach((windows, i) => {
      for (const v of windows) {
        owner.push(i);
        vectors.push(v);
      }
    });
    const perWindow: LabelScores[] = [];
    for (let start = 0; start < vectors.length; start += this.maxBatch) {
      perWindow.push(...(await this.run(vectors.slice(start, start + this.maxBatch))));
    }
    const grouped: LabelScores[][] = texts.map(() => []);
    perWindow.forEach((s, k) => grouped[owner[k]!]!.push(s));
    return grouped.map((windows) => mergeWindowScores(windows, this.benignLabels));
  }

  /** Probabilities for already-featurized vectors (one ONNX run). */
  async run(vectors: SparseVector[]): Promise<LabelScores[]> {
    const batch = vectors.length;
    const width = Math.max(1, ...vectors.map((v) => v.indices.length));
    const idx = new Int32Array(batch * width);
    const wts = new Float32Array(batch * width);
    vectors.forEach((v, b) => {
      idx.set(v.indices, b * width);
      wts.set(v.values, b * width);
    });
    const out = await this.session.run({
      [COMPACT_INPUTS.indices]: int64TensorFrom(idx, [batch, width]),
      [COMPACT_INPUTS.weights]: new ort.Tensor('float32', wts, [batch, width]),
    });
    const probs = out[COMPACT_OUTPUTS.probabilities]!.data as Float32Array;
    const n = this.labels.length;
    const result: LabelScores[] = [];
    for (let b = 0; b < batch; b++) {
      const s: LabelScores = {};
      for (let j = 0; j < n; j++) s[this.labels[j]!] = probs[b * n + j]!;
      result.push(s);
    }
    return result;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
