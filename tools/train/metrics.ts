export interface BinaryMetrics {
  n: number;
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  accuracy: number;
}

export function binaryMetrics(truth: boolean[], predicted: boolean[]): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  truth.forEach((t, i) => {
    const p = predicted[i]!;
    if (t && p) tp++;
    else if (t) fn++;
    else if (p) fp++;
    else tn++;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : Number.NaN;
  const recall = tp + fn > 0 ? tp / (tp + fn) : Number.NaN;
  const f1 = tp > 0 ? (2 * precision * recall) / (precision + recall) : tp + fp + fn > 0 ? 0 : Number.NaN;
  const fpr = fp + tn > 0 ? fp / (fp + tn) : Number.NaN;
  return { n: truth.length, positives: tp + fn, negatives: fp + tn, tp, fp, tn, fn, precision, recall, f1, fpr, accuracy: (tp + tn) / Math.max(1, truth.length) };
}

export function fmt(x: number, digits = 3): string {
  return Number.isNaN(x) ? '  -  ' : x.toFixed(digits);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
