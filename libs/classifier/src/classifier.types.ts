/** Label -> probability for one text. */
export type LabelScores = Record<string, number>;

export interface TextClassifier {
  /** Model name (the directory's declared name, or the directory name). */
  readonly name: string;
  /** Output labels in model order. */
  readonly labels: readonly string[];
  /** Labels that mean "nothing wrong"; risk is the probability mass outside them. */
  readonly benignLabels: readonly string[];
  /** sha256 of model.onnx, so policies can fingerprint exactly which weights they ran. */
  readonly version: string;
  /** Risk at or above which a text is flagged. */
  readonly threshold: number;
  /** Largest batch the classifier sends to onnxruntime in one run; bigger inputs are split. */
  readonly maxBatch?: number;
  readonly format: 'compact' | 'hf';
  /** Scores each text; long texts are scored by windows, keeping the riskiest (see riskScore). */
  classify(texts: string[]): Promise<LabelScores[]>;
  /** One number per scored text to compare with `threshold` (probability mass outside benignLabels; max label for multi-label HF models). */
  risk(scores: LabelScores): number;
  dispose(): Promise<void>;
}

export interface LoadClassifierOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  /** HF: tokens per window including special tokens (default: min(512, max_position_embeddings)). Compact: words per window. */
  maxLength?: number;
  /** Overlap between consecutive windows, in the same unit as maxLength (default maxLength / 4). */
  stride?: number;
  /** Overrides the threshold stored with the model (HF exports carry none; default 0.5). */
  threshold?: number;
  /** Overrides which labels count as benign (HF default: labels named safe/benign/clean/legit/neutral/normal...). */
  benignLabels?: readonly string[];
  /** Largest batch per onnxruntime run (default 32). */
  maxBatch?: number;
}

/** Risk of one scored text: probability mass outside the benign labels, clamped to [0, 1]. */
export function riskScore(scores: LabelScores, benignLabels: readonly string[]): number {
  let risk = 0;
  for (const [label, p] of Object.entries(scores)) if (!benignLabels.includes(label)) risk += p;
  return Math.min(1, Math.max(0, risk));
}

/**
 * Merges per-window distributions into one: risk labels keep their maximum over windows, benign
 * labels their minimum, so a single hostile window anywhere in a long text decides the result.
 */
export function mergeWindowScores(windows: LabelScores[], benignLabels: readonly string[]): LabelScores {
  if (windows.length === 1) return windows[0]!;
  const out: LabelScores = {};
  for (const w of windows) {
    for (const [label, p] of Object.entries(w)) {
      const prev = out[label];
      if (prev === undefined) out[label] = p;
      else out[label] = benignLabels.includes(label) ? Math.min(prev, p) : Math.max(prev, p);
    }
  }
  return out;
}
