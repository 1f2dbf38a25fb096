import { performance } from 'node:perf_hooks';
import type { LabelScores, TextClassifier } from './classifier.types.js';
import { CompactClassifier } from './compact.classifier.js';
import type { SparseVector } from './hashing.featurizer.js';

/** One classifier to run over some of a batch's texts (indices into the batch). */
export interface ScoreJob {
  readonly classifier: TextClassifier;
  readonly texts: readonly number[];
}

export type ScoreJobResult =
  | { ok: true; scores: LabelScores[]; risks: number[]; ms: number }
  | { ok: false; error: unknown; ms: number };

/**
 * Runs several classifiers over one batch of texts, featurizing each text once per distinct
 * featurization: compact models with the same featurizer and window settings (the shipped ones
 * all hash the same n-grams) share the feature vectors, and only their ONNX runs differ. Scores
 * are exactly those of each classifier's own classify(). Other classifiers (Hugging Face
 * exports) simply classify their texts. Jobs run one after the other and fail independently;
 * `ms` is each job's time, the shared featurization counted in the first job that needed it.
 */
export async function scoreSharingFeatures(texts: readonly string[], jobs: readonly ScoreJob[]): Promise<ScoreJobResult[]> {
  // featuresKey -> text index -> that text's window vectors
  const features = new Map<string, Map<number, SparseVector[]>>();
  const results: ScoreJobResult[] = [];
  for (const { classifier, texts: indices } of jobs) {
    const started = performance.now();
    try {
      let scores: LabelScores[];
      if (classifier instanceof CompactClassifier) {
        let cache = features.get(classifier.featuresKey);
        if (!cache) features.set(classifier.featuresKey, (cache = new Map()));
        const windows = indices.map((i) => {
          let w = cache.get(i);
          if (!w) cache.set(i, (w = classifier.featurizeWindows(texts[i]!)));
          return w;
        });
        scores = await classifier.classifyFeatures(windows);
      } else {
        scores = await classifier.classify(indices.map((i) => texts[i]!));
      }
      results.push({ ok: true, scores, risks: scores.map((s) => classifier.risk(s)), ms: performance.now() - started });
    } catch (error) {
      results.push({ ok: false, error, ms: performance.now() - started });
    }
  }
  return results;
}
