import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { LoadClassifierOptions, TextClassifier } from './classifier.types.js';
import { COMPACT_MANIFEST, CompactClassifier } from './compact.classifier.js';
import { HF_FILES, HfClassifier } from './hf.classifier.js';
import { ModelLoadError } from './model-load.error.js';

/**
 * Loads a model directory, detecting its format: classifier.json marks one of our compact models;
 * config.json + tokenizer.json (+ model.onnx, optionally under onnx/) a Hugging Face export.
 */
export async function loadClassifier(dir: string, opts: LoadClassifierOptions = {}): Promise<TextClassifier> {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new ModelLoadError(dir, 'model directory not found');
  if (!statSync(abs).isDirectory()) throw new ModelLoadError(dir, 'not a directory');
  if (existsSync(join(abs, COMPACT_MANIFEST))) return CompactClassifier.load(dir, opts);
  const hasHf = [HF_FILES.config, HF_FILES.tokenizer].some((f) => existsSync(join(abs, f)) || existsSync(join(abs, 'onnx', f)));
  if (hasHf) return HfClassifier.load(dir, basename(abs), opts);
  throw new ModelLoadError(dir, `not a model directory: expected ${COMPACT_MANIFEST} (compact model) or ${HF_FILES.config} + ${HF_FILES.tokenizer} + ${HF_FILES.model} (Hugging Face ONNX export)`);
}
