// Bounded LRU with per-entry expiry. Map keeps insertion order, so re-inserting on read makes
// the first key the least recently used one.
export class MemoryStore<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxSize: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs });
    while (this.entries.size > this.maxSize) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): number {
    const removed = this.entries.size;
    this.entries.clear();
    return removed;
  }
}
