import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { ModelLoadError } from './model-load.error.js';

export interface SessionThreads {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

export interface LoadedSession {
  session: ort.InferenceSession;
  /** sha256 of the model bytes. */
  sha256: string;
}

export async function readModelFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelLoadError(path, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`, { cause: err });
  }
}

export async function openSession(path: string, threads: SessionThreads, required: { inputs: string[]; outputs?: string[] }): Promise<LoadedSession> {
  const bytes = await readModelFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: threads.intraOpNumThreads ?? 1,
      interOpNumThreads: threads.interOpNumThreads ?? 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (err) {
    throw new ModelLoadError(path, `onnxruntime cannot load it: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const missingIn = required.inputs.filter((n) => !session.inputNames.includes(n));
  const missingOut = (required.outputs ?? []).filter((n) => !session.outputNames.includes(n));
  if (missingIn.length > 0 || missingOut.length > 0) {
    await session.release();
    const what = [...missingIn.map((n) => `input "${n}"`), ...missingOut.map((n) => `output "${n}"`)].join(', ');
    throw new ModelLoadError(path, `graph lacks ${what} (has inputs ${session.inputNames.join(', ')}; outputs ${session.outputNames.join(', ')})`);
  }
  return { session, sha256 };
}

/** int64 tensor from non-negative int32 values, without one BigInt per element. */
export function int64TensorFrom(values: ArrayLike<number>, dims: number[]): ort.Tensor {
  const data = new BigInt64Array(values.length);
  const halves = new Int32Array(data.buffer);
  for (let i = 0; i < values.length; i++) halves[2 * i] = values[i]!;
  return new ort.Tensor('int64', data, dims);
}

export { ort };
