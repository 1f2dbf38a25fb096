import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { LabelScores } from '@ollama-guard/classifier';
import { fromWireError, type ClassifyJob, type FromWorker, type ModelInfo, type ModelSpec, type ToWorker, type WorkerInit } from './inference.protocol.js';
import { MicroBatcher } from './micro.batcher.js';

export type { ModelInfo, ModelSpec } from './inference.protocol.js';

export interface InferencePoolOptions {
  /** Worker threads, each holding every model (default 1). */
  readonly workers?: number;
  /** onnxruntime intra-op threads per worker (default 1). */
  readonly threads?: number;
  /** Most distinct texts per worker batch (default 32); every model asked about a text scores it in the same batch. */
  readonly maxBatch?: number;
  /** How long a text waits for others to join its batch; 0 = only texts already queued (default 1). */
  readonly batchWaitMs?: number;
  /** Where worker crashes and restarts are reported; the pool itself never logs. */
  readonly logger?: { warn(message: string): void; error(message: string): void };
}

export interface ClassifyResult {
  scores: LabelScores;
  /** Compare with the model's threshold. */
  risk: number;
}

export interface InferenceStats {
  workers: { configured: number; ready: number; restarts: number };
  /** Batches sent to workers (one worker round trip each, for every model in it). */
  batches: number;
  /** Texts scored, counted once per model that scored them. */
  texts: number;
  /** Batches, or one model's part of a batch, that failed. */
  errors: number;
  /** Worker-side time spent scoring (featurization + onnxruntime), summed over batches. */
  inferenceMs: number;
  /** Time texts spent in the micro-batcher before dispatch, summed over texts. */
  queueWaitMs: number;
  /** Texts scored per worker batch (counted per model); `buckets` are cumulative (`le`: upper bound, Prometheus style, last is +Inf). */
  batchSize: { last: number; max: number; mean: number; buckets: Array<{ le: number; count: number }> };
  /** Texts waiting in a micro-batcher / sent to a worker and not answered yet. */
  queued: number;
  inFlight: number;
  models: Record<string, { batches: number; texts: number; inferenceMs: number }>;
}

const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
/** Below this many texts per worker, splitting a batch across idle workers costs more in messaging than it gains. */
const MIN_SPLIT = 8;
/** A graceful worker stop (sessions released) gets this long before the thread is terminated. */
const STOP_GRACE_MS = 2_000;
/** A respawned worker that dies again this soon is crash-looping; its slot stays empty. */
const CRASH_LOOP_MS = 10_000;

type Request = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

interface Call {
  resolve(msg: FromWorker): void;
  reject(err: Error): void;
}

interface Slot {
  readonly index: number;
  readonly worker: Worker;
  readonly spawnedAt: number;
  readonly respawned: boolean;
  /** Has every model: may receive batches. */
  ready: boolean;
  exited: boolean;
  /** Set when this slot must not be replaced after it exits. */
  retired: boolean;
  pendingTexts: number;
  pendingBatches: number;
  readonly calls: Map<number, Call>;
  booted: Promise<void>;
  lastError?: Error;
}

interface QueuedText {
  key: string;
  text: string;
  at: number;
}

/** One caller's outcome: a model's failure rejects its own callers only. */
type Outcome = { ok: true; value: ClassifyResult } | { ok: false; error: Error };

interface ModelEntry {
  readonly key: string;
  readonly spec: ModelSpec;
  ready: Promise<ModelInfo>;
  info?: ModelInfo;
}

/**
 * The ONNX classifiers, run in worker threads so that scoring never blocks the gRPC event loop.
 * Every worker holds every model; concurrent classify() calls are micro-batched across models
 * (the models asked about one text score it in the same batch, so the worker featurizes it once
 * and it crosses the thread boundary once), and each batch goes to the least busy worker (split
 * across idle workers when large enough).
 */
export class InferencePool {
  private readonly slots: Slot[] = [];
  private readonly entries = new Map<string, ModelEntry>();
  private readonly workers: number;
  private readonly threads: number;
  private readonly maxBatch: number;
  private readonly batchWaitMs: number;
  private readonly logger: InferencePoolOptions['logger'];
  private readonly batcher: MicroBatcher<QueuedText, Outcome>;
  private nextId = 0;
  private rr = 0;
  private started = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly closedError = new Error('inference pool closed');
  private readonly counters = {
    batches: 0,
    texts: 0,
    errors: 0,
    inferenceMs: 0,
    queueWaitMs: 0,
    lastBatch: 0,
    maxBatch: 0,
    restarts: 0,
    buckets: new Array<number>(BATCH_BUCKETS.length + 1).fill(0),
    models: new Map<string, { batches: number; texts: number; inferenceMs: number }>(),
  };

  private constructor(options: InferencePoolOptions) {
    this.workers = positiveInt('workers', options.workers ?? 1);
    this.threads = positiveInt('threads', options.threads ?? 1);
    this.maxBatch = positiveInt('maxBatch', options.maxBatch ?? 32);
    this.batchWaitMs = options.batchWaitMs ?? 1;
    if (!(this.batchWaitMs >= 0)) throw new RangeError(`batchWaitMs must be >= 0, got ${options.batchWaitMs}`);
    this.logger = options.logger;
    this.batcher = new MicroBatcher((items) => this.runBatch(items), {
      maxBatch: this.maxBatch,
      waitMs: this.batchWaitMs,
      groupBy: (item) => item.text,
      // While every worker is busy, texts wait here and leave together when one is free.
      ready: () => this.hasIdleWorker(),
    });
  }

  /**
   * Starts the workers and loads every model into each. Resolves once all are loaded; rejects with
   * the loader's error (a ModelLoadError naming the file) if any model cannot be used.
   * @param models key -> model directory (or directory + loader options); keys are what classify() takes.
   */
  static async start(models: Readonly<Record<string, string | ModelSpec>>, options: InferencePoolOptions = {}): Promise<InferencePool> {
    const pool = new InferencePool(options);
    await prepareSourceMode();
    try {
      for (let i = 0; i < pool.workers; i++) pool.spawn(i, false);
      await Promise.all(pool.slots.map((s) => s.booted));
      await Promise.all(Object.entries(models).map(([key, m]) => pool.load(key, typeof m === 'string' ? { dir: m } : m)));
    } catch (err) {
      await pool.close();
      throw err;
    }
    for (const s of pool.slots) s.ready = !s.exited;
    pool.started = true;
    return pool;
  }

  /**
   * Loads one more model into every worker (e.g. a model directory named by a policy). Loading
   * the same key with the same spec again returns the first load; a failed load is forgotten, so
   * it can be retried.
   */
  load(key: string, spec: ModelSpec): Promise<ModelInfo> {
    if (this.closed) return Promise.reject(this.closedError);
    const existing = this.entries.get(key);
    if (existing) {
      if (sameSpec(existing.spec, spec)) return existing.ready;
      return Promise.reject(new Error(`model "${key}" is already loaded from ${existing.spec.dir} with other options`));
    }
    const targets = this.slots.filter((s) => !s.exited && !s.retired);
    if (targets.length === 0) return Promise.reject(new Error('no inference worker is running'));
    const entry = { key, spec: { ...spec } } as ModelEntry;
    entry.ready = Promise.all(targets.map((s) => this.call(s, { type: 'load', key, spec: entry.spec }))).then(
      (replies) => {
        const info = (replies[0] as Extract<FromWorker, { type: 'loaded' }>).info;
        entry.info = info;
        return info;
      },
      async (err: Error) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        // Workers that did load it would otherwise hold its memory for nothing.
        await Promise.allSettled(targets.map((s) => this.call(s, { type: 'unload', key })));
        throw err;
      },
    );
    this.entries.set(key, entry);
    return entry.ready;
  }

  /** Scores one text with the model loaded under `key`; concurrent calls share worker batches. */
  classify(key: string, text: string): Promise<ClassifyResult> {
    if (this.closed) return Promise.reject(this.closedError);
    const entry = this.entries.get(key);
    if (!entry) return Promise.reject(new Error(`unknown model "${key}" (loaded: ${[...this.entries.keys()].join(', ') || 'none'})`));
    if (typeof text !== 'string') return Promise.reject(new TypeError(`classify expects a string, got ${typeof text}`));
    if (!entry.info) return entry.ready.then(() => this.enqueue(key, text));
    return this.enqueue(key, text);
  }

  private async enqueue(key: string, text: string): Promise<ClassifyResult> {
    const outcome = await this.batcher.add({ key, text, at: performance.now() });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Loaded models by key. */
  models(): Record<string, ModelInfo> {
    const out: Record<string, ModelInfo> = {};
    for (const [key, e] of this.entries) if (e.info) out[key] = e.info;
    return out;
  }

  stats(): InferenceStats {
    const c = this.counters;
    let cumulative = 0;
    const buckets = c.buckets.map((n, i) => ({ le: BATCH_BUCKETS[i] ?? Infinity, count: (cumulative += n) }));
    const queued = this.batcher.queued;
    return {
      workers: { configured: this.workers, ready: this.slots.filter((s) => s.ready).length, restarts: c.restarts },
      batches: c.batches,
      texts: c.texts,
      errors: c.errors,
      inferenceMs: c.inferenceMs,
      queueWaitMs: c.queueWaitMs,
      batchSize: { last: c.lastBatch, max: c.maxBatch, mean: c.batches === 0 ? 0 : c.texts / c.batches, buckets },
      queued,
      inFlight: this.slots.reduce((n, s) => n + s.pendingTexts, 0),
      models: Object.fromEntries([...c.models].map(([k, v]) => [k, { ...v }])),
    };
  }

  /** Stops the workers; queued and in-flight calls reject with "inference pool closed". */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.batcher.close(this.closedError);
    for (const s of this.slots) this.failCalls(s, this.closedError);
    this.closing = Promise.all(this.slots.map((s) => this.stop(s))).then(() => undefined);
    return this.closing;
  }

  private spawn(index: number, respawned: boolean): Slot {
    const { url, execArgv } = workerEntry();
    const worker = new Worker(url, { workerData: { threads: this.threads } satisfies WorkerInit, ...(execArgv ? { execArgv } : {}) });
    let booted!: { resolve(): void; reject(err: Error): void };
    const slot: Slot = {
      index,
      worker,
      spawnedAt: performance.now(),
      respawned,
      ready: false,
      exited: false,
      retired: false,
      pendingTexts: 0,
      pendingBatches: 0,
      calls: new Map(),
      booted: new Promise<void>((resolve, reject) => (booted = { resolve, reject })),
    };
    // Nobody awaits a respawned worker's boot; its failure is handled by the exit handler.
    slot.booted.catch(() => undefined);
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') return booted.resolve();
      const call = slot.calls.get(msg.id);
      if (!call) return;
      slot.calls.delete(msg.id);
      if (msg.type === 'error') call.reject(fromWireError(msg.error));
      else call.resolve(msg);
    });
    worker.on('error', (err) => {
      slot.lastError = err;
      booted.reject(err);
      this.failCalls(slot, err);
    });
    worker.on('exit', (code) => {
      slot.exited = true;
      slot.ready = false;
      const err = this.closed ? this.closedError : new Error(`inference worker ${index} exited with code ${code}${slot.lastError ? `: ${slot.lastError.message}` : ''}`);
      booted.reject(err);
      this.failCalls(slot, err);
      if (!this.closed && this.started && !slot.retired) this.respawn(slot);
    });
    this.slots[index] = slot;
    return slot;
  }

  /** A dead worker is replaced, so one crash does not permanently halve capacity. */
  private respawn(dead: Slot): void {
    if (dead.respawned && performance.now() - dead.spawnedAt < CRASH_LOOP_MS) {
      this.logger?.error(`inference worker ${dead.index} died again ${Math.round(performance.now() - dead.spawnedAt)} ms after a restart; not restarting it`);
      return;
    }
    this.counters.restarts++;
    this.logger?.warn(`${dead.lastError?.message ?? `inference worker ${dead.index} exited`}; restarting it`);
    const slot = this.spawn(dead.index, true);
    const entries = [...this.entries.values()];
    const loadInto = (e: ModelEntry) => this.call(slot, { type: 'load', key: e.key, spec: e.spec });
    slot.booted
      // A model still loading elsewhere is loaded here only if it succeeds there; its failure is not this worker's.
      .then(() => Promise.all(entries.map((e) => (e.info ? loadInto(e) : e.ready.then(() => loadInto(e), () => undefined)))))
      .then(
        () => {
          if (slot.exited) return;
          slot.ready = true;
          if (this.batcher.queued > 0 && !this.closed) this.batcher.flush();
        },
        (err: Error) => {
          if (slot.exited || this.closed) return;
          this.logger?.error(`restarted inference worker ${dead.index} cannot load the models (${err.message}); running without it`);
          slot.retired = true;
          void this.stop(slot);
        },
      );
  }

  private call(slot: Slot, request: Request): Promise<FromWorker> {
    if (this.closed) return Promise.reject(this.closedError);
    if (slot.exited) return Promise.reject(new Error(`inference worker ${slot.index} is not running`));
    const id = ++this.nextId;
    return new Promise<FromWorker>((resolve, reject) => {
      slot.calls.set(id, { resolve, reject });
      slot.worker.postMessage({ ...request, id } as ToWorker);
    });
  }

  private failCalls(slot: Slot, err: Error): void {
    const calls = [...slot.calls.values()];
    slot.calls.clear();
    for (const c of calls) c.reject(err);
  }

  private async runBatch(items: QueuedText[]): Promise<Outcome[]> {
    const now = performance.now();
    for (const it of items) this.counters.queueWaitMs += now - it.at;
    const live = this.slots.filter((s) => s.ready);
    if (live.length === 0) throw new Error('no inference worker is ready');
    // Distinct texts in order of arrival; the groupBy batcher keeps a text's models together.
    const textIndex = new Map<string, number>();
    const byText: QueuedText[][] = [];
    for (const it of items) {
      let i = textIndex.get(it.text);
      if (i === undefined) textIndex.set(it.text, (i = byText.push([]) - 1));
      byText[i]!.push(it);
    }
    const idle = this.rotate(live.filter((s) => s.pendingBatches === 0));
    const ways = Math.min(idle.length, Math.floor(byText.length / MIN_SPLIT));
    if (ways < 2) return this.send(this.leastBusy(live), items);
    // Several idle workers and enough texts: scoring in parallel beats one bigger batch.
    const size = Math.ceil(byText.length / ways);
    const parts = idle.slice(0, ways).map((s, k) => ({ slot: s, items: byText.slice(k * size, (k + 1) * size).flat() }));
    const results = await Promise.all(parts.map((p) => this.send(p.slot, p.items)));
    const outcome = new Map<QueuedText, Outcome>();
    parts.forEach((p, k) => p.items.forEach((it, i) => outcome.set(it, results[k]![i]!)));
    return items.map((it) => outcome.get(it)!);
  }

  /** Some ready worker has no batch in flight, or none is ready (then runBatch fails at once, as it must). */
  private hasIdleWorker(): boolean {
    let live = false;
    for (const s of this.slots) {
      if (!s.ready) continue;
      if (s.pendingBatches === 0) return true;
      live = true;
    }
    return !live;
  }

  private leastBusy(live: Slot[]): Slot {
    let best: Slot | undefined;
    for (const s of this.rotate(live)) if (!best || s.pendingTexts < best.pendingTexts) best = s;
    this.rr = best!.index + 1;
    return best!;
  }

  /** Slots starting after the last one used, so ties spread round-robin. */
  private rotate(slots: Slot[]): Slot[] {
    const at = slots.findIndex((s) => s.index >= this.rr % this.slots.length);
    return at <= 0 ? slots : [...slots.slice(at), ...slots.slice(0, at)];
  }

  /** One worker round trip for `items`: each distinct text sent once, one job per model. */
  private async send(slot: Slot, items: QueuedText[]): Promise<Outcome[]> {
    const texts: string[] = [];
    const textIndex = new Map<string, number>();
    const jobs = new Map<string, { index: number; texts: number[]; positions: Map<number, number>; items: number }>();
    // Each item's result: [its job, its position in the job]; a text asked twice of one model is scored once.
    const where: Array<[number, number]> = [];
    for (const { key, text } of items) {
      let t = textIndex.get(text);
      if (t === undefined) textIndex.set(text, (t = texts.push(text) - 1));
      let job = jobs.get(key);
      if (!job) jobs.set(key, (job = { index: jobs.size, texts: [], positions: new Map(), items: 0 }));
      let pos = job.positions.get(t);
      if (pos === undefined) job.positions.set(t, (pos = job.texts.push(t) - 1));
      job.items++;
      where.push([job.index, pos]);
    }
    const wire: ClassifyJob[] = [...jobs].map(([key, job]) => ({ key, texts: job.texts }));
    slot.pendingTexts += items.length;
    slot.pendingBatches++;
    try {
      const reply = await this.call(slot, { type: 'classify', texts, jobs: wire });
      if (reply.type !== 'result') throw new Error(`inference worker ${slot.index} answered a classify call with "${reply.type}"`);
      let ms = 0;
      const failures = new Map<number, Error>();
      for (const [key, job] of jobs) {
        const result = reply.results[job.index]!;
        ms += result.ms;
        this.recordModel(key, job.items, result.ms);
        if (!result.ok) {
          this.counters.errors++;
          failures.set(job.index, fromWireError(result.error));
        }
      }
      this.recordBatch(items.length, ms);
      return where.map(([j, pos]): Outcome => {
        const result = reply.results[j]!;
        return result.ok ? { ok: true, value: { scores: result.scores[pos]!, risk: result.risks[pos]! } } : { ok: false, error: failures.get(j)! };
      });
    } catch (err) {
      this.counters.errors++;
      throw err;
    } finally {
      slot.pendingTexts -= items.length;
      slot.pendingBatches--;
      // Texts held back while every worker was busy go now, as one batch.
      if (this.batcher.queued > 0 && !this.closed) this.batcher.flush();
    }
  }

  private recordBatch(n: number, ms: number): void {
    const c = this.counters;
    c.batches++;
    c.texts += n;
    c.inferenceMs += ms;
    c.lastBatch = n;
    c.maxBatch = Math.max(c.maxBatch, n);
    const bucket = BATCH_BUCKETS.findIndex((le) => n <= le);
    c.buckets[bucket < 0 ? BATCH_BUCKETS.length : bucket]!++;
  }

  /** Set by the metrics: each model call with its batch size and time on the worker. */
  onModelCall?: (model: string, texts: number, ms: number) => void;

  private recordModel(key: string, n: number, ms: number): void {
    this.onModelCall?.(key, n, ms);
    const m = this.counters.models.get(key) ?? { batches: 0, texts: 0, inferenceMs: 0 };
    m.batches++;
    m.texts += n;
    m.inferenceMs += ms;
    this.counters.models.set(key, m);
  }

  private async stop(slot: Slot): Promise<void> {
    if (slot.exited) return;
    const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
    slot.worker.postMessage({ type: 'close' } satisfies ToWorker);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS)));
    if ((await Promise.race([exited, timeout])) === 'timeout') await slot.worker.terminate();
    clearTimeout(timer);
  }
}

const SOURCE_MODE = import.meta.url.endsWith('.ts');
const REGISTER_SWC = new URL('../../../../scripts/register-swc.mjs', import.meta.url).href;
const HOOKS_READY = Symbol.for('ollama-guard.ml.swc-hooks');

/**
 * The worker script next to this module: compiled JS under dist/, or the TypeScript source when
 * running from sources (Vitest, `node --import ./scripts/register-swc.mjs`). A worker is a fresh
 * isolate without the parent's loader hooks, so in source mode it registers the swc hooks itself.
 */
function workerEntry(): { url: URL; execArgv?: string[] } {
  if (!SOURCE_MODE) return { url: new URL('./inference.worker.js', import.meta.url) };
  return { url: new URL('./inference.worker.ts', import.meta.url), execArgv: ['--import', REGISTER_SWC] };
}

/**
 * Source mode only: Node 20 runs module.register() hooks on one process-wide hooks thread, owned by
 * the first thread that registers. If that is a worker, its exit takes the hooks thread down and the
 * next worker that registers segfaults the process (seen under Vitest on every worker restart). The
 * main thread registering first owns the hooks thread for the process's lifetime. Importing the same
 * module as `--import` is a no-op when it already ran; the global flag covers Vitest, whose per-file
 * module graphs would each register again.
 */
async function prepareSourceMode(): Promise<void> {
  if (!SOURCE_MODE) return;
  const g = globalThis as { [HOOKS_READY]?: Promise<unknown> };
  await (g[HOOKS_READY] ??= import(REGISTER_SWC));
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function sameSpec(a: ModelSpec, b: ModelSpec): boolean {
  return a.dir === b.dir && a.maxLength === b.maxLength && a.stride === b.stride;
}
