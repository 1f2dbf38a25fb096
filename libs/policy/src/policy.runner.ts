import type { Vault } from '@ollama-guard/scanners';
import { recordSpan } from '@ollama-guard/tracing';
import { performance } from 'node:perf_hooks';
import type { Action, Direction, PolicyScanner, PolicySettings, ScanFinding, ScannerSettings } from './policy.types.js';

export interface BoundScanner {
  settings: ScannerSettings;
  scanner: PolicyScanner;
}

export interface ScannerOutcome {
  name: string;
  passed: boolean;
  score: number;
  action: Action;
  reason: string;
  durationMs: number;
  /** The scanner threw: the verdict cannot be trusted either way. */
  error: boolean;
  /** It failed and its action stops the text: `block`, or `redact` where nothing could be redacted. */
  blocking: boolean;
}

export interface VerdictModel {
  allowed: boolean;
  /** The texts that may pass on, one per scanned segment. */
  sanitized: string[];
  modified: boolean;
  results: ScannerOutcome[];
  policy: string;
  fingerprint: string;
  /** Some scanner failed to run; such a verdict is never allowed and never cached. */
  error: boolean;
  durationMs: number;
}

export interface RunContext {
  prompt?: string;
  vault: Vault;
  /** Skip the ML scanners (used to redact text whose decision was already taken). */
  rulesOnly?: boolean;
}

/**
 * One policy, ready to scan. Rule scanners run first, in order, each on the text the previous
 * one sanitized; the ML scanners then run concurrently (their worker pool batches them). With
 * `failFast`, a block by a rule scanner skips the ML scanners.
 */
export class CompiledPolicy {
  private readonly rules: Record<Direction, BoundScanner[]>;
  private readonly ml: Record<Direction, BoundScanner[]>;

  constructor(
    readonly settings: PolicySettings,
    scanners: Record<Direction, BoundScanner[]>,
    readonly fingerprint: string,
  ) {
    const split = (kind: 'rule' | 'ml') => (d: Direction) => scanners[d].filter((b) => b.scanner.kind === kind);
    this.rules = { input: split('rule')('input'), output: split('rule')('output') };
    this.ml = { input: split('ml')('input'), output: split('ml')('output') };
  }

  get name(): string {
    return this.settings.name;
  }

  /** Names of the scanners that actually run on a side. */
  scannerNames(direction: Direction): string[] {
    return [...this.rules[direction], ...this.ml[direction]].map((b) => b.settings.name);
  }

  /**
   * One window of a streamed answer: `text` starts with `overlap` characters already released
   * (context, so nothing split across windows escapes detection). Decisions cover the whole
   * window; `sanitized[0]` is the text after the overlap, which is what may be released.
   */
  async scanWindow(text: string, overlap: number, context: RunContext): Promise<VerdictModel> {
    const verdict = await this.scan('output', [text], context);
    const released = text.slice(0, overlap);
    const sanitized = verdict.sanitized[0];
    if (!verdict.modified) verdict.sanitized = [text.slice(overlap)];
    else if (sanitized.startsWith(released)) verdict.sanitized = [sanitized.slice(overlap)];
    else {
      // A redaction reached into the released context: redact the new text on its own instead.
      const alone = await this.scan('output', [text.slice(overlap)], { ...context, rulesOnly: true });
      verdict.sanitized = alone.sanitized;
    }
    return verdict;
  }

  async scan(direction: Direction, texts: readonly string[], context: RunContext): Promise<VerdictModel> {
    const started = performance.now();
    const current = [...texts];
    const results: ScannerOutcome[] = [];
    let modified = false;
    const scanContext = { direction, prompt: context.prompt, vault: context.vault };

    for (const { settings, scanner } of this.rules[direction]) {
      const t0 = performance.now();
      let worst: ScanFinding = { score: 0, reason: 'clean' };
      let error = false;
      let unredacted = false;
      for (let i = 0; i < current.length; i++) {
        let finding: ScanFinding;
        try {
          finding = scanner.scan(current[i], scanContext) as ScanFinding;
        } catch (cause) {
          error = true;
          worst = { score: 1, reason: `scanner error: ${(cause as Error).message}` };
          break;
        }
        const failed = finding.score >= settings.threshold;
        // Redaction applies to failing findings; a passing result that still returns text is a
        // transformation (deanonymize restoring placeholders) and applies too.
        if (finding.sanitized !== undefined && settings.action === 'redact' && (failed || finding.score === 0) && finding.sanitized !== current[i]) {
          current[i] = finding.sanitized;
          modified = true;
        } else if (failed && finding.sanitized === undefined) unredacted = true;
        if (finding.score > worst.score || i === 0) worst = finding;
      }
      const t1 = performance.now();
      results.push(outcome(settings, worst, t1 - t0, error, unredacted));
      recordSpan(`scanner ${settings.name}`, t0, t1, { 'guard.scanner': settings.name, 'guard.direction': direction, 'guard.score': worst.score }, error ? worst.reason : undefined);
      if (this.settings.failFast && results[results.length - 1].blocking) return this.verdict(results, current, modified, started);
    }

    const ml = context.rulesOnly ? [] : this.ml[direction];
    if (ml.length > 0) {
      const outcomes = await Promise.all(
        ml.map(async ({ settings, scanner }) => {
          const t0 = performance.now();
          try {
            const findings = await Promise.all(current.map((text) => scanner.scan(text, scanContext)));
            const worst = findings.reduce((a, b) => (b.score > a.score ? b : a), { score: 0, reason: 'clean' } as ScanFinding);
            const t1 = performance.now();
            recordSpan(`scanner ${settings.name}`, t0, t1, { 'guard.scanner': settings.name, 'guard.direction': direction, 'guard.score': worst.score });
            return outcome(settings, worst, t1 - t0, false, true);
          } catch (cause) {
            const t1 = performance.now();
            recordSpan(`scanner ${settings.name}`, t0, t1, { 'guard.scanner': settings.name, 'guard.direction': direction }, (cause as Error).message);
            return outcome(settings, { score: 1, reason: `scanner error: ${(cause as Error).message}` }, t1 - t0, true, true);
          }
        }),
      );
      results.push(...outcomes);
    }
    return this.verdict(results, current, modified, started);
  }

  private verdict(results: ScannerOutcome[], sanitized: string[], modified: boolean, started: number): VerdictModel {
    const error = results.some((r) => r.error);
    return {
      allowed: !error && !results.some((r) => r.blocking),
      sanitized,
      modified,
      results,
      policy: this.settings.name,
      fingerprint: this.fingerprint,
      error,
      durationMs: performance.now() - started,
    };
  }
}

/** `unredacted`: the scanner failed but left no redacted text (classifiers never can). */
function outcome(settings: ScannerSettings, finding: ScanFinding, durationMs: number, error: boolean, unredacted: boolean): ScannerOutcome {
  const passed = !error && finding.score < settings.threshold;
  return {
    name: settings.name,
    passed,
    score: Math.min(1, Math.max(0, finding.score)),
    action: settings.action,
    reason: finding.reason,
    durationMs,
    error,
    blocking: !passed && (settings.action === 'block' || (settings.action === 'redact' && unredacted)),
  };
}
