// Messages between InferencePool (main thread) and inference.worker.ts. Everything here crosses a
// MessagePort, so it must survive structured cloning: plain data only, errors flattened.
import { ModelLoadError, type LabelScores } from '@ollama-guard/classifier';

/** A model directory plus the loader options that change how it scores. */
export interface ModelSpec {
  readonly dir: string;
  /** Window size (words for compact models, tokens for Hugging Face exports). */
  readonly maxLength?: number;
  /** Overlap between windows, same unit as maxLength. */
  readonly stride?: number;
}

/** What the pool knows about a loaded model (identical in every worker). */
export interface ModelInfo {
  readonly name: string;
  readonly dir: string;
  readonly format: 'compact' | 'hf';
  /** sha256 of the ONNX weights. */
  readonly version: string;
  readonly threshold: number;
  readonly labels: readonly string[];
  readonly benignLabels: readonly string[];
}

export interface WorkerInit {
  /** onnxruntime intra-op threads per session. */
  readonly threads: number;
}

export type ToWorker =
  | { type: 'load'; id: number; key: string; spec: ModelSpec }
  | { type: 'unload'; id: number; key: string }
  /** Each distinct text once; each job scores some of them (indices into `texts`) with one model. */
  | { type: 'classify'; id: number; texts: string[]; jobs: ClassifyJob[] }
  | { type: 'close' };

export type FromWorker =
  /** Sent once the worker's modules have loaded, so a broken worker fails start() instead of a later call. */
  | { type: 'ready' }
  | { type: 'loaded'; id: number; info: ModelInfo }
  | { type: 'unloaded'; id: number }
  /** One outcome per job, in order: models fail independently. */
  | { type: 'result'; id: number; results: JobOutcome[] }
  | { type: 'error'; id: number; error: WireError };

export interface ClassifyJob {
  readonly key: string;
  readonly texts: readonly number[];
}

export type JobOutcome =
  /** Scores and risks per text of the job; `ms`: worker time (featurization shared between models counts once, in the first job using it). */
  | { ok: true; scores: LabelScores[]; risks: number[]; ms: number }
  | { ok: false; error: WireError; ms: number };

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** ModelLoadError fields, so the main thread can rebuild the same error class. */
  file?: string;
  reason?: string;
}

export function toWireError(err: unknown): WireError {
  if (err instanceof ModelLoadError) return { name: err.name, message: err.message, stack: err.stack, file: err.file, reason: err.reason };
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

export function fromWireError(wire: WireError): Error {
  const err = wire.name === 'ModelLoadError' && wire.file !== undefined && wire.reason !== undefined ? new ModelLoadError(wire.file, wire.reason) : new Error(wire.message);
  if (!(err instanceof ModelLoadError)) err.name = wire.name;
  // Keep the worker's stack: it points at the loader line that failed, not at the message handler.
  if (wire.stack) err.stack = wire.stack;
  return err;
}
