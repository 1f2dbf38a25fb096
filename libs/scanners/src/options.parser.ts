import { ScannerConfigError } from './scanner.errors.js';

/**
 * Small typed readers for scanner options coming from YAML or env. Unknown keys are errors so a
 * typo (`case_sensitve`) cannot silently fall back to a default. Env values arrive as strings, so
 * booleans and numbers also accept their string spellings.
 */
export class OptionReader {
  private readonly seen = new Set<string>();
  private readonly raw: Record<string, unknown>;

  constructor(
    readonly scanner: string,
    raw: unknown,
  ) {
    if (raw === undefined || raw === null) this.raw = {};
    else if (typeof raw === 'object' && !Array.isArray(raw)) this.raw = raw as Record<string, unknown>;
    else throw new ScannerConfigError(`scanner "${scanner}": options must be a mapping, got ${describe(raw)}`, scanner);
  }

  fail(option: string, expected: string, value: unknown): never {
    throw new ScannerConfigError(`scanner "${this.scanner}": option "${option}" ${expected}, got ${describe(value)}`, this.scanner, option);
  }

  private take(option: string): unknown {
    this.seen.add(option);
    return this.raw[option];
  }

  bool(option: string, fallback: boolean): boolean {
    const v = this.take(option);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) return true;
      if (['false', '0', 'no', 'off'].includes(s)) return false;
    }
    return this.fail(option, 'must be a boolean', v);
  }

  number(option: string, fallback: number, min = -Infinity, max = Infinity, integer = false): number {
    const v = this.take(option);
    if (v === undefined || v === null) return fallback;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    const kind = integer ? 'an integer' : 'a number';
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      const range = max === Infinity ? `>= ${min}` : `between ${min} and ${max}`;
      return this.fail(option, `must be ${kind} ${range}`, v);
    }
    return n;
  }

  oneOf<T extends string>(option: string, fallback: T, allowed: readonly T[]): T {
    const v = this.take(option);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    return this.fail(option, `must be one of ${allowed.join(', ')}`, v);
  }

  /** A list of strings; a comma-separated string is accepted too (env variables). */
  strings(option: string, fallback: readonly string[], { allowEmptyItems = false } = {}): string[] {
    const v = this.take(option);
    if (v === undefined || v === null) return [...fallback];
    const list = typeof v === 'string' ? (v.trim() === '' ? [] : v.split(',').map((s) => s.trim())) : v;
    if (!Array.isArray(list)) return this.fail(option, 'must be a list of strings', v);
    list.forEach((item, i) => {
      if (typeof item !== 'string') this.fail(`${option}[${i}]`, 'must be a string', item);
      if (!allowEmptyItems && item.length === 0) this.fail(`${option}[${i}]`, 'must not be empty', item);
    });
    return list as string[];
  }

  /** Raw access for options with a union type; the caller validates. */
  value(option: string): unknown {
    return this.take(option);
  }

  /** Call last: rejects keys nobody asked for. */
  done(): void {
    for (const key of Object.keys(this.raw)) {
      if (!this.seen.has(key)) {
        const known = [...this.seen].join(', ') || 'none';
        throw new ScannerConfigError(`scanner "${this.scanner}": unknown option "${key}" (known: ${known})`, this.scanner, key);
      }
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}
