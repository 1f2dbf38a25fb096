// Model names as Ollama resolves them: `llama3.2` and `llama3.2:latest` are one model. Key
// restrictions and per-model queues both compare names in this form.

/** Adds Ollama's implicit `:latest` tag to a name without a tag (a `:` after the last `/`). */
export function canonicalModel(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return trimmed;
  const slash = trimmed.lastIndexOf('/');
  return trimmed.indexOf(':', slash + 1) >= 0 ? trimmed : `${trimmed}:latest`;
}

/** Patterns such as `llama3.2`, `qwen2.5:*` or `*`; `*` matches any run of characters. */
export class ModelPatterns {
  private readonly patterns: RegExp[];

  constructor(readonly source: readonly string[]) {
    this.patterns = source.map((pattern) => {
      const canonical = pattern.includes('*') ? pattern.trim() : canonicalModel(pattern);
      const body = canonical
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      return new RegExp(`^${body}$`, 'i');
    });
  }

  allows(model: string): boolean {
    const canonical = canonicalModel(model);
    return this.patterns.some((pattern) => pattern.test(canonical) || pattern.test(model.trim()));
  }
}
