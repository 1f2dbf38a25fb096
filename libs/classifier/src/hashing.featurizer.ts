import { murmur3 } from './murmur.hash.js';
import { normalizeTokens } from './text.normalizer.js';

/** Featurizer section of a compact model's classifier.json. */
export interface HashingFeaturizerConfig {
  type: 'hashed-ngrams';
  /** Bumped whenever normalization or hashing changes meaning, so old models are refused, not misread. */
  version: 1;
  /** Number of hash buckets (power of two); the ONNX embedding has one row per bucket. */
  buckets: number;
  /** Inclusive [min, max] word n-gram orders; [0, 0] disables word n-grams. */
  wordNgrams: [number, number];
  /** Inclusive [min, max] character n-gram orders over the normalized text; [0, 0] disables them. */
  charNgrams: [number, number];
  /** Per-occurrence weight of word and char n-grams, before the sublinear transform. */
  wordWeight: number;
  charWeight: number;
  /** 1 + ln(tf) instead of tf, so repeating a phrase does not outweigh everything else. */
  sublinearTf: boolean;
  seed: number;
}

/** Sparse, L2-normalized feature vector: bucket indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export const FEATURIZER_VERSION = 1;

const encoder = new TextEncoder();

export class HashingFeaturizer {
  private readonly mask: number;
  private bytes = new Uint8Array(4096);
  private cps = new Int32Array(4096);
  private tableKeys = new Int32Array(0);
  private tableVals = new Float64Array(0);
  private order = new Int32Array(0);

  constructor(readonly config: HashingFeaturizerConfig) {
    const { buckets } = config;
    if (!Number.isInteger(buckets) || buckets < 2 || (buckets & (buckets - 1)) !== 0) {
      throw new Error(`featurizer.buckets must be a power of two, got ${buckets}`);
    }
    this.mask = buckets - 1;
  }

  /** Normalized word tokens of a text (exposed so callers can window long texts by words). */
  tokens(text: string): string[] {
    return normalizeTokens(text);
  }

  featurize(text: string): SparseVector {
    return this.featurizeTokens(normalizeTokens(text));
  }

  featurizeTokens(tokens: readonly string[]): SparseVector {
    const c = this.config;
    // " w1 w2 ... wn ": a leading and trailing space lets char n-grams mark word edges.
    const joined = ` ${tokens.join(' ')} `;
    const maxBytes = joined.length * 3;
    if (this.bytes.length < maxBytes) this.bytes = new Uint8Array(maxBytes * 2);
    const bytes = this.bytes;
    const byteLen = encoder.encodeInto(joined, bytes).written;

    // Code point starts, and word boundaries in bytes.
    if (this.cps.length < byteLen + 1) this.cps = new Int32Array((byteLen + 1) * 2);
    const cps = this.cps;
    let ncp = 0;
    for (let i = 0; i < byteLen; i++) if ((bytes[i]! & 0xc0) !== 0x80) cps[ncp++] = i;
    cps[ncp] = byteLen;

    const [wMin, wMax] = c.wordNgrams;
    const [cMin, cMax] = c.charNgrams;
    const nWords = tokens.length;
    const expected = (wMax > 0 ? nWords * (wMax - wMin + 1) : 0) + (cMax > 0 ? ncp * (cMax - cMin + 1) : 0) + 1;
    this.reset(expected);

    if (wMax > 0 && nWords > 0) {
      const starts = new Int32Array(nWords);
      const ends = new Int32Array(nWords);
      let w = 0;
      for (let i = 1; i < byteLen && w < nWords; i++) {
        if (bytes[i - 1] === 0x20 && bytes[i] !== 0x20) starts[w] = i;
        if (bytes[i] === 0x20 && bytes[i - 1] !== 0x20) ends[w++] = i;
      }
      for (let n = wMin; n <= wMax; n++) {
        const seed = (c.seed + 0x9e3779b1 * n) >>> 0;
        for (let i = 0; i + n <= nWords; i++) this.add(murmur3(bytes, starts[i]!, ends[i + n - 1]!, seed), c.wordWeight);
      }
    }
    if (cMax > 0) {
      for (let n = cMin; n <= cMax; n++) {
        const seed = (c.seed + 0x85ebca77 * n + 0x27d4eb2f) >>> 0;
        for (let k = 0; k + n <= ncp; k++) this.add(murmur3(bytes, cps[k]!, cps[k + n]!, seed), c.charWeight);
      }
    }
    return this.collect();
  }

  private size = 0;
  private count = 0;

  private reset(expected: number): void {
    let size = 1024;
    while (size < expected * 2) size <<= 1;
    if (this.tableKeys.length < size) {
      this.tableKeys = new Int32Array(size);
      this.tableVals = new Float64Array(size);
      this.order = new Int32Array(size);
    }
    this.tableKeys.fill(-1, 0, size);
    this.size = size;
    this.count = 0;
  }

  private add(hash: number, weight: number): void {
    const bucket = hash & this.mask;
    const m = this.size - 1;
    let slot = Math.imul(bucket, 0x9e3779b1) >>> 0 & m;
    const keys = this.tableKeys;
    for (;;) {
      const k = keys[slot]!;
      if (k === bucket) {
        this.tableVals[slot]! += weight;
        return;
      }
      if (k === -1) {
        keys[slot] = bucket;
        this.tableVals[slot] = weight;
        this.order[this.count++] = slot;
        return;
      }
      slot = (slot + 1) & m;
    }
  }

  private collect(): SparseVector {
    const n = this.count;
    const indices = new Int32Array(n);
    const values = new Float32Array(n);
    const sub = this.config.sublinearTf;
    let norm = 0;
    const tmp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const slot = this.order[i]!;
      indices[i] = this.tableKeys[slot]!;
      const v = this.tableVals[slot]!;
      const x = sub && v > 1 ? 1 + Math.log(v) : v;
      tmp[i] = x;
      norm += x * x;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) values[i] = tmp[i]! * inv;
    return { indices, values };
  }
}
