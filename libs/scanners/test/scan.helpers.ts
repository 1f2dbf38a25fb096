import { RULE_SCANNERS, Vault, type ScanContext, type Scanner, type ScanDirection } from '../src/index.js';

export function make(name: string, options: unknown = {}): Scanner {
  const def = RULE_SCANNERS[name]!;
  return def.create(def.parseOptions(options));
}

export function ctx(direction: ScanDirection = 'input', vault = new Vault()): ScanContext {
  return { direction, vault };
}

/** Scans and returns the substrings of the original text each finding covers. */
export function found(scanner: Scanner, text: string, c = ctx()): string[] {
  return (scanner.scan(text, c).findings ?? []).map((f) => text.slice(f.start, f.end));
}

/**
 * Deterministic pseudo-random token text. Test secrets are assembled at run time so that no
 * credential-shaped literal sits in the repository (push protection and secret scanners would flag them).
 */
export function rand(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed = 7): string {
  let x = seed * 2654435761;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
export const HEX = '0123456789abcdef';
