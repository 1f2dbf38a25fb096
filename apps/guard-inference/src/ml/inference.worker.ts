// Worker-thread entry of InferencePool: owns the onnxruntime sessions so that featurization and
// inference never run on the gRPC event loop.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadClassifier, scoreSharingFeatures, type ScoreJob, type TextClassifier } from '@ollama-guard/classifier';
import { toWireError, type ClassifyJob, type FromWorker, type JobOutcome, type ModelInfo, type ModelSpec, type ToWorker, type WorkerInit } from './inference.protocol.js';

if (!parentPort) throw new Error('inference.worker.ts must run in a worker thread (InferencePool starts it)');
const port: MessagePort = parentPort;
const { threads } = workerData as WorkerInit;

/** Promises, so a key requested twice (e.g. a respawn racing a lazy load) loads once. */
const models = new Map<string, Promise<TextClassifier>>();
/** Batches run one at a time: stats then measure inference, not contention, and the pool's per-worker queue depth is real. */
let chain: Promise<void> = Promise.resolve();
let closing = false;

const reply = (msg: FromWorker) => port.postMessage(msg);

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'load':
      // Not queued behind inference: a large model mounted at run time must not stall scoring.
      void load(msg.key, msg.spec).then(
        (info) => reply({ type: 'loaded', id: msg.id, info }),
        (err) => reply({ type: 'error', id: msg.id, error: toWireError(err) }),
      );
      break;
    case 'unload':
      chain = chain.then(async () => {
        const model = models.get(msg.key);
        models.delete(msg.key);
        await model?.then((m) => m.dispose()).catch(() => undefined);
        reply({ type: 'unloaded', id: msg.id });
      });
      break;
    case 'classify':
      chain = chain.then(() => classify(msg.id, msg.texts, msg.jobs));
      break;
    case 'close':
      closing = true;
      void chain.then(shutdown);
      break;
  }
});

reply({ type: 'ready' });

async function load(key: string, spec: ModelSpec): Promise<ModelInfo> {
  let model = models.get(key);
  if (!model) {
    model = loadClassifier(spec.dir, { intraOpNumThreads: threads, maxLength: spec.maxLength, stride: spec.stride });
    models.set(key, model);
    // A failed load must not stay cached: the pool may retry the key after the directory is fixed.
    model.catch(() => models.get(key) === model && models.delete(key));
  }
  const m = await model;
  return { name: m.name, dir: spec.dir, format: m.format, version: m.version, threshold: m.threshold, labels: [...m.labels], benignLabels: [...m.benignLabels] };
}

async function classify(id: number, texts: string[], jobs: ClassifyJob[]): Promise<void> {
  // The pool has already rejected these callers; scoring them would only delay shutdown.
  if (closing) return;
  try {
    const outcomes: JobOutcome[] = new Array(jobs.length);
    const runnable: ScoreJob[] = [];
    const positions: number[] = [];
    for (let j = 0; j < jobs.length; j++) {
      const { key, texts: indices } = jobs[j]!;
      try {
        const model = models.get(key);
        if (!model) throw new Error(`model "${key}" is not loaded in this worker`);
        runnable.push({ classifier: await model, texts: indices });
        positions.push(j);
      } catch (err) {
        outcomes[j] = { ok: false, error: toWireError(err), ms: 0 };
      }
    }
    // Models that featurize alike (the shipped ones) share one featurization per text.
    const results = await scoreSharingFeatures(texts, runnable);
    results.forEach((r, k) => (outcomes[positions[k]!] = r.ok ? r : { ok: false, error: toWireError(r.error), ms: r.ms }));
    reply({ type: 'result', id, results: outcomes });
  } catch (err) {
    reply({ type: 'error', id, error: toWireError(err) });
  }
}

async function shutdown(): Promise<void> {
  const all = [...models.values()];
  models.clear();
  // Releasing sessions before the thread ends frees native memory deterministically.
  await Promise.allSettled(all.map((m) => m.then((c) => c.dispose())));
  port.close();
  process.exit(0);
}
