export type { LabelScores, LoadClassifierOptions, TextClassifier } from './classifier.types.js';
export { mergeWindowScores, riskScore } from './classifier.types.js';
export { loadClassifier } from './classifier.loader.js';
export { ModelLoadError } from './model-load.error.js';
export { CompactClassifier, COMPACT_FORMAT, COMPACT_MANIFEST, compactManifestSchema, wordWindows, type CompactManifest } from './compact.classifier.js';
export { HfClassifier, HF_FILES } from './hf.classifier.js';
export { scoreSharingFeatures, type ScoreJob, type ScoreJobResult } from './shared-features.scorer.js';
export { HashingFeaturizer, FEATURIZER_VERSION, type HashingFeaturizerConfig, type SparseVector } from './hashing.featurizer.js';
export { normalizeText, normalizeTokens } from './text.normalizer.js';
export { murmur3 } from './murmur.hash.js';
export { float16Bits, float16Value, roundToFloat16 } from './float16.util.js';
export {
  buildCompactModel,
  encodeModel,
  floatTensor,
  float16Tensor,
  int64Tensor,
  node,
  valueInfo,
  onnx,
  DataType,
  COMPACT_INPUTS,
  COMPACT_OUTPUTS,
  type CompactModelWeights,
  type GraphSpec,
} from './onnx.graph-builder.js';
