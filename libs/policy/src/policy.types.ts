import type { Vault } from '@ollama-guard/scanners';

// The policy model shared by guard-inference (which runs every scanner) and the gateway
// (which runs the rule scanners itself while guard-inference is down).

export type Direction = 'input' | 'output';
export type Action = 'block' | 'redact' | 'monitor';

/** One scanner as configured in a policy, for one direction. */
export interface ScannerSettings {
  readonly name: string;
  readonly enabled: boolean;
  /** The scanner fails when its risk score is at or above this. */
  readonly threshold: number;
  readonly action: Action;
  /** Scanner-specific options, already validated by the scanner's definition. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface PolicySettings {
  readonly name: string;
  /** Stop at the first blocking scanner instead of reporting every scanner. */
  readonly failFast: boolean;
  readonly input: readonly ScannerSettings[];
  readonly output: readonly ScannerSettings[];
}

/** What a scanner reports; the runner applies threshold and action. */
export interface ScanFinding {
  /** Risk in [0, 1]. */
  score: number;
  reason: string;
  /** The text with this scanner's findings redacted, when it found something it can redact. */
  sanitized?: string;
}


export interface PolicyScanContext {
  direction: Direction;
  /** For output scanners: the prompt that produced the answer. */
  prompt?: string;
  /** Placeholders created by redaction in this request, to be restored in the answer. */
  vault: Vault;
}

/**
 * A scanner ready to run: a rule scanner (synchronous, microseconds) or an ML scanner
 * (asynchronous, batched on a worker pool). Rule scanners always run first.
 */
export interface PolicyScanner {
  readonly name: string;
  readonly kind: 'rule' | 'ml';
  /** Changes whenever the scanner's behaviour can change (options, model file): part of the policy fingerprint. */
  readonly version: string;
  scan(text: string, context: PolicyScanContext): ScanFinding | Promise<ScanFinding>;
}

/** Builds ML scanners; guard-inference provides one backed by its ONNX worker pool. */
export interface MlScannerFactory {
  /** Names this factory can build, e.g. `prompt_injection`, `toxicity`, `harmful_request`. */
  readonly names: readonly string[];
  /** Default threshold per scanner name (from the model's own calibration). */
  defaultThreshold(name: string): number;
  /** Validates options (throws naming the bad option) and builds the scanner. */
  create(name: string, direction: Direction, options: Readonly<Record<string, unknown>>): PolicyScanner;
}
