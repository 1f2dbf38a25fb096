import type { Finding } from './scanner.types.js';

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping replacements; on overlap the earlier (then longer) span wins. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  if (replacements.length === 0) return text;
  const sorted = [...replacements].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) continue;
    out += text.slice(pos, r.start) + r.text;
    pos = r.end;
  }
  return out + text.slice(pos);
}

/**
 * Disjoint spans kept sorted, with O(log n) overlap checks: detectors add findings in priority
 * order and must skip overlaps without going quadratic on inputs with thousands of findings.
 */
export class SpanSet<T extends { start: number; end: number }> {
  readonly items: T[] = [];

  /** Index of the first kept span ending after `start`. */
  private firstEndingAfter(start: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(start: number, end: number): boolean {
    const i = this.firstEndingAfter(start);
    return i < this.items.length && this.items[i]!.start < end;
  }

  /** Adds the span unless it overlaps a kept one; returns whether it was added. */
  add(span: T): boolean {
    const i = this.firstEndingAfter(span.start);
    if (i < this.items.length && this.items[i]!.start < span.end) return false;
    this.items.splice(i, 0, span);
    return true;
  }
}

/** "email address x2, phone number" style summary, in first-seen order. */
export function summarize(findings: readonly Finding[], label: (kind: string) => string = humanKind): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n > 1 ? `${label(kind)} x${n}` : label(kind))).join(', ');
}

export function humanKind(kind: string): string {
  return kind.toLowerCase().replace(/_/g, ' ');
}

export function clamp01(n: number): number {
  return n < 0 ? 0 : n > 1 ? 1 : n;
}
