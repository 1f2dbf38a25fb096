import type { CompactModelWeights, SparseVector } from '@ollama-guard/classifier';
import { roundToFloat16 } from '@ollama-guard/classifier';
import { Rng } from './prng.js';

/**
 * A tiny MLP over a bag of hashed n-grams (fastText-like embedding bag, then ReLU and dense layers),
 * trained with minibatch AdamW (lazy on the embedding: only rows of features seen in the batch
 * move). Single-threaded and seeded, so the same data and seed give bit-identical weights.
 */
export interface MlpConfig {
  buckets: number;
  dim: number;
  /** Sizes of dense hidden layers after the embedding bag (may be empty). */
  hidden: number[];
  classes: number;
  epochs: number;
  batchSize: number;
  lr: number;
  /** AdamW decoupled weight decay for dense layers and (lazily) for touched embedding rows. */
  weightDecay: number;
  embeddingWeightDecay: number;
  /** Share of an example's n-grams dropped per step, so no single phrase carries a decision alone. */
  featureDropout: number;
  hiddenDropout: number;
  /** Label smoothing for the cross-entropy. */
  labelSmoothing: number;
  float16Embedding: boolean;
  seed: number;
}

/** Examples stored as one CSR matrix (features of example i at offsets[i]..offsets[i+1]). */
export interface TrainMatrix {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  labels: Int32Array;
  weights: Float32Array;
}

export function toMatrix(vectors: SparseVector[], labels: number[], weights: number[]): TrainMatrix {
  const n = vectors.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + vectors[i]!.indices.length;
  const indices = new Int32Array(offsets[n]!);
  const values = new Float32Array(offsets[n]!);
  vectors.forEach((v, i) => {
    indices.set(v.indices, offsets[i]!);
    values.set(v.values, offsets[i]!);
  });
  return { offsets, indices, values, labels: Int32Array.from(labels), weights: Float32Array.from(weights) };
}

interface Layer {
  inDim: number;
  outDim: number;
  w: Float32Array;
  b: Float32Array;
}

export class MlpModel {
  readonly embedding: Float32Array;
  readonly embeddingBias: Float32Array;
  readonly layers: Layer[];

  constructor(readonly config: MlpConfig, rng: Rng) {
    const { buckets, dim, hidden, classes } = config;
    this.embedding = new Float32Array(buckets * dim);
    const scale = 0.1;
    for (let i = 0; i < this.embedding.length; i++) this.embedding[i] = (rng.next() * 2 - 1) * scale;
    this.embeddingBias = new Float32Array(dim);
    const sizes = [dim, ...hidden, classes];
    this.layers = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inDim = sizes[l]!;
      const outDim = sizes[l + 1]!;
      const w = new Float32Array(inDim * outDim);
      const std = Math.sqrt(2 / inDim);
      for (let i = 0; i < w.length; i++) w[i] = rng.gaussian() * std;
      this.layers.push({ inDim, outDim, w, b: new Float32Array(outDim) });
    }
  }

  /** Reference forward pass (no dropout), the one the exported ONNX graph is checked against. */
  predict(v: SparseVector): Float64Array {
    const { dim } = this.config;
    let h = new Float64Array(dim);
    for (let d = 0; d < dim; d++) h[d] = 0;
    for (let k = 0; k < v.indices.length; k++) {
      const row = v.indices[k]! * dim;
      const x = v.values[k]!;
      for (let d = 0; d < dim; d++) h[d]! += x * this.embedding[row + d]!;
    }
    for (let d = 0; d < dim; d++) h[d] = Math.max(0, h[d]! + this.embeddingBias[d]!);
    this.layers.forEach((layer, li) => {
      const out = new Float64Array(layer.outDim);
      for (let o = 0; o < layer.outDim; o++) out[o] = layer.b[o]!;
      for (let i = 0; i < layer.inDim; i++) {
        const hi = h[i]!;
        if (hi === 0) continue;
        const row = i * layer.outDim;
        for (let o = 0; o < layer.outDim; o++) out[o]! += hi * layer.w[row + o]!;
      }
      if (li < this.layers.length - 1) for (let o = 0; o < layer.outDim; o++) out[o] = Math.max(0, out[o]!);
      h = out;
    });
    return softmaxInPlace(h);
  }

  toWeights(): CompactModelWeights {
    const w: CompactModelWeights = {
      buckets: this.config.buckets,
      dim: this.config.dim,
      embedding: this.embedding,
      embeddingBias: this.embeddingBias,
      layers: this.layers.map((l) => ({ inDim: l.inDim, outDim: l.outDim, weight: l.w, bias: l.b })),
    };
    if (this.config.float16Embedding) w.embeddingFloat16 = roundToFloat16(this.embedding);
    return w;
  }
}

function softmaxInPlace(x: Float64Array): Float64Array {
  let m = -Infinity;
  for (const v of x) m = Math.max(m, v);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    x[i] = Math.exp(x[i]! - m);
    s += x[i]!;
  }
  for (let i = 0; i < x.length; i++) x[i]! /= s;
  return x;
}

export interface TrainLog {
  epoch: number;
  loss: number;
  seconds: number;
}

export function trainMlp(config: MlpConfig, data: TrainMatrix, onEpoch?: (log: TrainLog) => void): MlpModel {
  const rng = new Rng(config.seed);
  const model = new MlpModel(config, rng);
  const { dim, buckets, batchSize, classes } = config;
  const n = data.labels.length;
  const layers = model.layers;
  const L = layers.length;

  // Adam state.
  const mE = new Float32Array(buckets * dim);
  const vE = new Float32Array(buckets * dim);
  const gE = new Float32Array(buckets * dim);
  const touched = new Uint8Array(buckets);
  const touchedList = new Int32Array(buckets);
  let nTouched = 0;
  const gEb = new Float64Array(dim);
  const mEb = new Float64Array(dim);
  const vEb = new Float64Array(dim);
  const gW = layers.map((l) => new Float64Array(l.w.length));
  const gB = layers.map((l) => new Float64Array(l.b.length));
  const mW = layers.map((l) => new Float64Array(l.w.length));
  const vW = layers.map((l) => new Float64Array(l.w.length));
  const mB = layers.map((l) => new Float64Array(l.b.length));
  const vB = layers.map((l) => new Float64Array(l.b.length));
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;

  // Per-example scratch.
  const acts: Float64Array[] = [new Float64Array(dim), ...layers.map((l) => new Float64Array(l.outDim))];
  const masks: Float64Array[] = [new Float64Array(dim), ...layers.map((l) => new Float64Array(l.outDim))];
  const deltas: Float64Array[] = [new Float64Array(dim), ...layers.map((l) => new Float64Array(l.outDim))];
  const kept = new Int32Array(Math.max(1, ...Array.from({ length: n }, (_, i) => data.offsets[i + 1]! - data.offsets[i]!)));
  const keptVal = new Float64Array(kept.length);

  let meanWeight = 0;
  for (const w of data.weights) meanWeight += w;
  meanWeight /= Math.max(1, n);

  const order = Int32Array.from({ length: n }, (_, i) => i);
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const totalSteps = stepsPerEpoch * config.epochs;
  const warmup = Math.min(200, Math.floor(totalSteps / 20));
  let step = 0;

  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const t0 = performance.now();
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      for (let bi = start; bi < end; bi++) {
        const ex = order[bi]!;
        const sw = data.weights[ex]! / meanWeight / (end - start);
        const y = data.labels[ex]!;
        // Forward: embedding bag with feature dropout.
        const h0 = acts[0]!;
        for (let d = 0; d < dim; d++) h0[d] = model.embeddingBias[d]!;
        let nk = 0;
        const o0 = data.offsets[ex]!;
        const o1 = data.offsets[ex + 1]!;
        const keepScale = 1 / (1 - config.featureDropout);
        for (let k = o0; k < o1; k++) {
          if (config.featureDropout > 0 && rng.next() < config.featureDropout) continue;
          const idx = data.indices[k]!;
          const x = data.values[k]! * (config.featureDropout > 0 ? keepScale : 1);
          kept[nk] = idx;
          keptVal[nk++] = x;
          const row = idx * dim;
          for (let d = 0; d < dim; d++) h0[d]! += x * model.embedding[row + d]!;
        }
        applyReluDropout(h0, masks[0]!, config.hiddenDropout, rng);
        for (let l = 0; l < L; l++) {
          const layer = layers[l]!;
          const inp = acts[l]!;
          const out = acts[l + 1]!;
          for (let o = 0; o < layer.outDim; o++) out[o] = layer.b[o]!;
          for (let i = 0; i < layer.inDim; i++) {
            const hi = inp[i]!;
            if (hi === 0) continue;
            const row = i * layer.outDim;
            for (let o = 0; o < layer.outDim; o++) out[o]! += hi * layer.w[row + o]!;
          }
          if (l < L - 1) applyReluDropout(out, masks[l + 1]!, config.hiddenDropout, rng);
        }
        const probs = softmaxInPlace(acts[L]!);
        lossSum += -Math.log(Math.max(probs[y]!, 1e-12)) * data.weights[ex]!;
        weightSum += data.weights[ex]!;
        // Backward.
        const top = deltas[L]!;
        const smooth = config.labelSmoothing;
        for (let c = 0; c < classes; c++) top[c] = (probs[c]! - ((c === y ? 1 - smooth : 0) + smooth / classes)) * sw;
        for (let l = L - 1; l >= 0; l--) {
          const layer = layers[l]!;
          const inp = acts[l]!;
          const dOut = deltas[l + 1]!;
          const dIn = deltas[l]!;
          const gw = gW[l]!;
          const gb = gB[l]!;
          for (let o = 0; o < layer.outDim; o++) gb[o]! += dOut[o]!;
          for (let i = 0; i < layer.inDim; i++) {
            const hi = inp[i]!;
            const row = i * layer.outDim;
            let acc = 0;
            for (let o = 0; o < layer.outDim; o++) {
              if (hi !== 0) gw[row + o]! += hi * dOut[o]!;
              acc += layer.w[row + o]! * dOut[o]!;
            }
            // ReLU (and dropout) gate: mask holds 0 or the dropout scale.
            dIn[i] = acc * masks[l]![i]!;
          }
        }
        const d0 = deltas[0]!;
        for (let d = 0; d < dim; d++) gEb[d]! += d0[d]!;
        for (let k = 0; k < nk; k++) {
          const idx = kept[k]!;
          if (touched[idx] === 0) {
            touched[idx] = 1;
            touchedList[nTouched++] = idx;
          }
          const x = keptVal[k]!;
          const row = idx * dim;
          for (let d = 0; d < dim; d++) gE[row + d]! += x * d0[d]!;
        }
      }

      // AdamW step with warmup and linear decay.
      step++;
      const lr = config.lr * Math.min(1, step / Math.max(1, warmup)) * Math.max(0.02, 1 - step / totalSteps);
      const bc1 = 1 - beta1 ** step;
      const bc2 = 1 - beta2 ** step;
      for (let l = 0; l < L; l++) {
        adam(layers[l]!.w, gW[l]!, mW[l]!, vW[l]!, lr, bc1, bc2, config.weightDecay);
        adam(layers[l]!.b, gB[l]!, mB[l]!, vB[l]!, lr, bc1, bc2, 0);
      }
      adam(model.embeddingBias, gEb, mEb, vEb, lr, bc1, bc2, 0);
      const decay = 1 - lr * config.embeddingWeightDecay;
      for (let t = 0; t < nTouched; t++) {
        const row = touchedList[t]! * dim;
        for (let d = 0; d < dim; d++) {
          const p = row + d;
          const g = gE[p]!;
          gE[p] = 0;
          const m = (mE[p] = beta1 * mE[p]! + (1 - beta1) * g);
          const v = (vE[p] = beta2 * vE[p]! + (1 - beta2) * g * g);
          model.embedding[p] = model.embedding[p]! * decay - (lr * (m / bc1)) / (Math.sqrt(v / bc2) + eps);
        }
        touched[touchedList[t]!] = 0;
      }
      nTouched = 0;
    }
    onEpoch?.({ epoch: epoch + 1, loss: lossSum / Math.max(1e-9, weightSum), seconds: (performance.now() - t0) / 1000 });
  }
  return model;
}

function applyReluDropout(h: Float64Array, mask: Float64Array, p: number, rng: Rng): void {
  const scale = 1 / (1 - p);
  for (let i = 0; i < h.length; i++) {
    if (h[i]! <= 0) {
      h[i] = 0;
      mask[i] = 0;
    } else if (p > 0 && rng.next() < p) {
      h[i] = 0;
      mask[i] = 0;
    } else {
      h[i]! *= p > 0 ? scale : 1;
      mask[i] = p > 0 ? scale : 1;
    }
  }
}

function adam(param: Float32Array, grad: Float64Array, m: Float64Array, v: Float64Array, lr: number, bc1: number, bc2: number, wd: number): void {
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]!;
    grad[i] = 0;
    m[i] = 0.9 * m[i]! + 0.1 * g;
    v[i] = 0.999 * v[i]! + 0.001 * g * g;
    param[i] = param[i]! * (1 - lr * wd) - (lr * (m[i]! / bc1)) / (Math.sqrt(v[i]! / bc2) + 1e-8);
  }
}
