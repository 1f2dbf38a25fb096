/**
 * npm run train [-- --data <dir>] [--seed <n>] [--only <model>[,<model>]] [--out <dir>]
 *
 * Trains the compact models from the shared training data (--data, else TRAINING_DATA_DIR, else
 * ../shared/data) and writes models/<name>/{model.onnx,classifier.json}. Each model trains in its
 * own worker thread (two at a time on a 2-core machine); every model is a pure function of the
 * data files and the seed, so a re-run reproduces the files byte for byte.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { dataDirFromArgs, loadDataFile, type DataFile } from './dataset.js';
import { trainModel, type TrainedSummary } from './model.pipeline.js';
import { DEFAULT_SEED, MODEL_SPECS, specByName } from './model.specs.js';
import { arg } from './cli.args.js';

interface Job {
  model: string;
  dataDir: string;
  seed: number;
  outDir: string;
}


async function runJob(job: Job, log: (m: string) => void): Promise<TrainedSummary> {
  const spec = specByName(job.model);
  const files: Record<string, DataFile> = {};
  for (const f of spec.dataFiles) files[f] = loadDataFile(job.dataDir, f);
  return trainModel(spec, files, job.seed, job.outDir, log);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const dataDir = dataDirFromArgs(process.argv.slice(2));
  const seed = Number(arg('seed') ?? DEFAULT_SEED);
  const outDir = resolve(arg('out') ?? 'models');
  const only = arg('only')?.split(',');
  const models = only ?? MODEL_SPECS.map((s) => s.name);
  models.forEach(specByName);
  const parallel = Math.max(1, Math.min(Number(arg('workers') ?? availableParallelism()), models.length));
  console.log(`training ${models.join(', ')} from ${dataDir} (seed ${seed}, ${parallel} worker${parallel > 1 ? 's' : ''}) into ${outDir}`);

  const queue = [...models];
  const results: TrainedSummary[] = [];
  const worker = async (): Promise<void> => {
    for (let model = queue.shift(); model; model = queue.shift()) {
      const job: Job = { model, dataDir, seed, outDir };
      results.push(await inWorker(job));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));

  console.log('\nmodel              examples  windows  featurize  train   total   model.onnx   sha256');
  for (const name of models) {
    const r = results.find((x) => x.name === name)!;
    console.log(
      `${r.name.padEnd(18)} ${String(r.examples).padStart(8)} ${String(r.windows).padStart(8)} ${r.seconds.featurize.toFixed(1).padStart(9)}s ${r.seconds.train.toFixed(1).padStart(6)}s ${r.seconds.total.toFixed(1).padStart(6)}s ${(r.onnxBytes / 1e6).toFixed(2).padStart(8)} MB   ${r.sha256.slice(0, 16)}`,
    );
  }
  console.log(`\ntotal wall time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function inWorker(job: Job): Promise<TrainedSummary> {
  return new Promise((resolvePromise, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job });
    w.on('message', (m: { log?: string; done?: TrainedSummary }) => {
      if (m.log) console.log(m.log);
      if (m.done) resolvePromise(m.done);
    });
    w.on('error', reject);
    w.on('exit', (code) => code !== 0 && reject(new Error(`training worker for ${job.model} exited with code ${code}`)));
  });
}

if (isMainThread) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
} else {
  const job = workerData as Job;
  runJob(job, (log) => parentPort!.postMessage({ log }))
    .then((done) => parentPort!.postMessage({ done }))
    .catch((err: unknown) => {
      throw err;
    });
}
