// Leaf definitions: each key knows its env var, default, documentation and how to parse
// a raw value from the environment (always a string) or from YAML (already typed).

export interface KeySpec<T> {
  readonly kind: string;
  /** Environment variables, first one is canonical; later ones are accepted aliases. */
  readonly env: readonly string[];
  readonly default: T;
  readonly doc: string;
  /** Never printed in full (admin /config, logs). */
  readonly secret?: boolean;
  /** Extra top-level YAML keys accepted for this leaf (the Python proxy's flat names, e.g. `redis_host`). */
  readonly yaml?: readonly string[];
  parse(raw: unknown): T;
  /**
   * For keys whose environment variables are not fixed names (one per scanner and field):
   * applies them on top of the parsed value. Throws InvalidValue naming the variable.
   */
  overlay?(env: Record<string, string | undefined>, value: T): T;
  /** Extra documentation of dynamic environment variables, for the generated table. */
  readonly envDoc?: string;
}

interface Common<T> {
  env: string | readonly string[];
  default: T;
  doc: string;
  secret?: boolean;
  yaml?: readonly string[];
}

/** Thrown by a parser; the loader prefixes the key and the source. */
export class InvalidValue extends Error {}

const describe = (raw: unknown) => (typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw));

function leaf<T>(kind: string, o: Common<T>, parse: (raw: unknown) => T): KeySpec<T> {
  return { kind, env: typeof o.env === 'string' ? [o.env] : o.env, default: o.default, doc: o.doc, secret: o.secret, yaml: o.yaml, parse };
}

export function str(o: Common<string> & { allowEmpty?: boolean }): KeySpec<string> {
  return leaf('string', o, (raw) => {
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new InvalidValue(`expected a string, got ${describe(raw)}`);
    const value = String(raw);
    if (!o.allowEmpty && value.trim() === '') throw new InvalidValue('must not be empty');
    return value;
  });
}

export function url(o: Common<string> & { protocols?: readonly string[] }): KeySpec<string> {
  const protocols = o.protocols ?? ['http:', 'https:'];
  return leaf('url', o, (raw) => {
    if (typeof raw !== 'string') throw new InvalidValue(`expected a URL string, got ${describe(raw)}`);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new InvalidValue(`expected a URL such as http://127.0.0.1:11434, got ${describe(raw)}`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new InvalidValue(`expected a ${protocols.join(' or ')} URL, got ${describe(raw)}`);
    }
    return raw.replace(/\/+$/, '');
  });
}

export function int(o: Common<number> & { min?: number; max?: number }): KeySpec<number> {
  const min = o.min ?? Number.MIN_SAFE_INTEGER;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  return leaf('integer', o, (raw) => {
    const value = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new InvalidValue(`expected an integer, got ${describe(raw)}`);
    if (value < min || value > max) throw new InvalidValue(`expected an integer from ${min} to ${max}, got ${value}`);
    return value;
  });
}

export function bool(o: Common<boolean>): KeySpec<boolean> {
  return leaf('boolean', o, (raw) => {
    if (typeof raw === 'boolean') return raw;
    const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (value === 'true' || value === '1' || value === 'yes' || value === 'on') return true;
    if (value === 'false' || value === '0' || value === 'no' || value === 'off') return false;
    throw new InvalidValue(`expected true or false, got ${describe(raw)}`);
  });
}

export function oneOf<const V extends string>(o: Common<V> & { values: readonly V[] }): KeySpec<V> {
  return {
    ...leaf('enum', o, (raw) => {
      const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
      if (typeof value !== 'string' || !o.values.includes(value as V)) {
        throw new InvalidValue(`expected one of ${o.values.join(', ')}, got ${describe(raw)}`);
      }
      return value as V;
    }),
    kind: `one of ${o.values.join(', ')}`,
  };
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** A byte size: a number of bytes, or a string such as `32mb` or `1GiB`. */
export function bytes(o: Common<number> & { min?: number }): KeySpec<number> {
  return leaf('bytes', o, (raw) => {
    const match = typeof raw === 'number' ? [String(raw), String(raw), ''] : typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw) : null;
    const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
    if (!match || unit === undefined) throw new InvalidValue(`expected a size such as 1048576, 32mb or 1GiB, got ${describe(raw)}`);
    const value = Math.round(Number(match[1]) * unit);
    if (value < (o.min ?? 1)) throw new InvalidValue(`expected at least ${o.min ?? 1} bytes, got ${value}`);
    return value;
  });
}

/** A list: comma-separated in env, a YAML sequence (or the same string) in the file. */
export function list(o: Common<string[]>): KeySpec<string[]> {
  return leaf('list', o, (raw) => {
    if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return raw.map((item) => item.trim()).filter(Boolean);
    if (typeof raw === 'string') return raw.split(',').map((item) => item.trim()).filter(Boolean);
    throw new InvalidValue(`expected a comma-separated string or a list of strings, got ${describe(raw)}`);
  });
}
