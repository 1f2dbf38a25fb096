import type { Vault } from './vault.js';

export type ScanDirection = 'input' | 'output';

export interface ScanContext {
  direction: ScanDirection;
  /** The prompt, for output scanners. */
  prompt?: string;
  vault: Vault;
}

export interface Finding {
  kind: string;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
}

export interface ScanResult {
  /** Risk in [0,1]; 0 = clean. */
  score: number;
  /** Short human reason; never contains the detected values. */
  reason: string;
  /** The text with findings redacted (only when the scanner can redact and found something). */
  sanitized?: string;
  findings?: Finding[];
}

export interface Scanner {
  readonly name: string;
  readonly directions: readonly ScanDirection[];
  scan(text: string, ctx: ScanContext): ScanResult;
}

export interface ScannerDefinition<O> {
  name: string;
  directions: readonly ScanDirection[];
  defaults: O;
  /** Validates user options from YAML/env, throwing ScannerConfigError naming the option. */
  parseOptions(raw: unknown): O;
  create(options: O): Scanner;
}

export const BOTH: readonly ScanDirection[] = Object.freeze(['input', 'output'] as const);
export const INPUT: readonly ScanDirection[] = Object.freeze(['input'] as const);
export const OUTPUT: readonly ScanDirection[] = Object.freeze(['output'] as const);

export const CLEAN: ScanResult = Object.freeze({ score: 0, reason: 'clean' }) as ScanResult;
