export interface MicroBatcherOptions {
  /** Most items per batch; a full batch is dispatched at once without waiting. */
  readonly maxBatch: number;
  /** How long the first queued item waits for others; 0 = only what is queued before the event loop moves on. */
  readonly waitMs: number;
}

/** Runs one batch; must return one result per item, in order. */
export type BatchRunner<T, R> = (items: T[]) => Promise<R[]>;

interface Queued<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Gathers concurrent requests into batches. One worker round trip and one onnxruntime run over n
 * texts cost far less than n of each, and no caller waits more than `waitMs` for company.
 */
export class MicroBatcher<T, R> {
  private queue: Queued<T, R>[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private closedWith: Error | undefined;

  constructor(
    private readonly run: BatchRunner<T, R>,
    private readonly options: MicroBatcherOptions,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${options.maxBatch}`);
    if (!(options.waitMs >= 0)) throw new RangeError(`waitMs must be >= 0, got ${options.waitMs}`);
  }

  /** Items queued and not yet handed to the runner. */
  get queued(): number {
    return this.queue.length;
  }

  add(item: T): Promise<R> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) {
        this.dispatch(this.queue.splice(0, this.options.maxBatch));
        if (this.queue.length === 0) this.cancelTimer();
      } else if (!this.timer) {
        // setImmediate rather than a microtask: it still collects requests that other I/O callbacks
        // (gRPC calls read in the same poll phase) enqueue, at no added latency.
        this.timer = this.options.waitMs === 0 ? setImmediate(() => this.flush()) : setTimeout(() => this.flush(), this.options.waitMs);
      }
    });
  }

  /** Dispatches everything queued now. */
  flush(): void {
    this.cancelTimer();
    while (this.queue.length > 0) this.dispatch(this.queue.splice(0, this.options.maxBatch));
  }

  /** Rejects queued items and every later add(); batches already dispatched are the runner's business. */
  close(error: Error): void {
    this.closedWith = error;
    this.cancelTimer();
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) q.reject(error);
  }

  private dispatch(batch: Queued<T, R>[]): void {
    let results: Promise<R[]>;
    try {
      results = this.run(batch.map((q) => q.item));
    } catch (err) {
      results = Promise.reject(err);
    }
    results.then(
      (out) => {
        if (out.length !== batch.length) {
          const err = new Error(`batch runner returned ${out.length} results for ${batch.length} items`);
          for (const q of batch) q.reject(err);
          return;
        }
        batch.forEach((q, i) => q.resolve(out[i]!));
      },
      (err) => {
        for (const q of batch) q.reject(err);
      },
    );
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    if (this.options.waitMs === 0) clearImmediate(this.timer as NodeJS.Immediate);
    else clearTimeout(this.timer as NodeJS.Timeout);
    this.timer = undefined;
  }
}
