export interface MicroBatcherOptions<T = unknown> {
  /** Most items per batch; a full batch is dispatched at once without waiting. */
  readonly maxBatch: number;
  /** How long the first queued item waits for others; 0 = only what is queued before the event loop moves on. */
  readonly waitMs: number;
  /**
   * Items of one group always travel in the same batch, and `maxBatch` then counts groups, not
   * items (e.g. several models scoring the same text, so the text is featurized once). A batch
   * holding `maxBatch` groups leaves as soon as an item of another group arrives, or at the timer.
   */
  readonly groupBy?: (item: T) => unknown;
  /**
   * Whether the runner can take a batch now. While it returns false, the timer leaves a partial
   * batch queued, where later items join it, until flush() is called again (full batches still
   * leave at once): the batches grow with the load, at no cost in latency when the runner is idle.
   */
  readonly ready?: () => boolean;
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
  /** Groups in `queue` (groupBy mode only). */
  private readonly groups = new Set<unknown>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** `timer` is a setImmediate (waitMs 0, or a full batch in groupBy mode). */
  private immediate = false;
  private closedWith: Error | undefined;

  constructor(
    private readonly run: BatchRunner<T, R>,
    private readonly options: MicroBatcherOptions<T>,
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
      const { groupBy } = this.options;
      if (groupBy) {
        const group = groupBy(item);
        if (!this.groups.has(group) && this.groups.size >= this.options.maxBatch) this.dispatch(this.take());
        this.groups.add(group);
        this.queue.push({ item, resolve, reject });
        // A full batch only waits for the rest of its last group, which its caller adds in the same tick.
        if (this.groups.size >= this.options.maxBatch && !this.immediate) this.startTimer(true);
        else if (!this.timer) this.startTimer();
        return;
      }
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) {
        this.dispatch(this.queue.splice(0, this.options.maxBatch));
        if (this.queue.length === 0) this.cancelTimer();
      } else if (!this.timer) this.startTimer();
    });
  }

  /** Dispatches everything queued now, unless the runner is not ready (then only full batches). */
  flush(): void {
    this.cancelTimer();
    while (this.queue.length > 0 && (this.full() || (this.options.ready?.() ?? true))) this.dispatch(this.take());
  }

  private full(): boolean {
    return (this.options.groupBy ? this.groups.size : this.queue.length) >= this.options.maxBatch;
  }

  /** Rejects queued items and every later add(); batches already dispatched are the runner's business. */
  close(error: Error): void {
    this.closedWith = error;
    this.cancelTimer();
    const queued = this.queue;
    this.queue = [];
    this.groups.clear();
    for (const q of queued) q.reject(error);
  }

  private startTimer(now = false): void {
    this.cancelTimer();
    // setImmediate rather than a microtask: it still collects requests that other I/O callbacks
    // (gRPC calls read in the same poll phase) enqueue, at no added latency.
    this.immediate = now || this.options.waitMs === 0;
    this.timer = this.immediate ? setImmediate(() => this.flush()) : setTimeout(() => this.flush(), this.options.waitMs);
  }

  /** The next batch off the queue: in groupBy mode the whole queue (it never holds more than maxBatch groups). */
  private take(): Queued<T, R>[] {
    if (!this.options.groupBy) return this.queue.splice(0, this.options.maxBatch);
    const batch = this.queue;
    this.queue = [];
    this.groups.clear();
    return batch;
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
    if (this.immediate) clearImmediate(this.timer as NodeJS.Immediate);
    else clearTimeout(this.timer as NodeJS.Timeout);
    this.timer = undefined;
    this.immediate = false;
  }
}
