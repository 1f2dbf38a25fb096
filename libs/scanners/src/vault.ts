const PLACEHOLDER = /^\[REDACTED_([A-Z0-9_]+)_(\d+)\]$/;

/**
 * Per-request placeholder store: Anonymize puts originals in, Deanonymize takes them out.
 * The same original always gets the same placeholder so the model can still tell that two
 * mentions are the same person or address.
 */
export class Vault {
  private readonly byOriginal = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  static kindLabel(kind: string): string {
    const label = kind.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    return label || 'VALUE';
  }

  add(kind: string, original: string): string {
    const existing = this.byOriginal.get(original);
    if (existing !== undefined) return existing;
    const label = Vault.kindLabel(kind);
    let n = this.counters.get(label) ?? 0;
    let placeholder: string;
    do placeholder = `[REDACTED_${label}_${++n}]`;
    while (this.byPlaceholder.has(placeholder));
    this.counters.set(label, n);
    this.byOriginal.set(original, placeholder);
    this.byPlaceholder.set(placeholder, original);
    return placeholder;
  }

  get(placeholder: string): string | undefined {
    return this.byPlaceholder.get(placeholder);
  }

  entries(): Array<[placeholder: string, original: string]> {
    return [...this.byPlaceholder.entries()];
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** Rebuilds a vault (e.g. carried between the prompt and the answer of one request). */
  static from(entries: Iterable<readonly [placeholder: string, original: string]>): Vault {
    const vault = new Vault();
    for (const [placeholder, original] of entries) {
      vault.byPlaceholder.set(placeholder, original);
      if (!vault.byOriginal.has(original)) vault.byOriginal.set(original, placeholder);
      const m = PLACEHOLDER.exec(placeholder);
      if (m) vault.counters.set(m[1]!, Math.max(vault.counters.get(m[1]!) ?? 0, Number(m[2])));
    }
    return vault;
  }
}
