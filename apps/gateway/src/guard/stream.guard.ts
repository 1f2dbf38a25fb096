import { Logger } from '@nestjs/common';
import type { Verdict } from '@ollama-guard/contracts';
import type { ServerResponse } from 'node:http';
import type { JsonObject } from '../http/json-body.js';
import { drained, type Exchange } from '../proxy/proxy.service.js';
import type { RouteAdapter } from './route.adapters.js';
import { FrameReader, SSE_DONE, writeFrame, type Frame, type StreamFormat } from './stream.frames.js';

/** Scans one window; throws {@link GuardUnavailableError} when no verdict can be had. */
export type WindowScan = (seq: number, overlap: number, text: string, final: boolean) => Promise<Verdict>;

export class GuardUnavailableError extends Error {}

export interface StreamGuardOptions {
  format: StreamFormat;
  adapter: RouteAdapter;
  model: string;
  mode: 'buffered' | 'audit';
  firstWindow: number;
  window: number;
  overlap: number;
  scan: WindowScan;
  /** The human message of the last frame when the answer is blocked. */
  blockMessage: string;
  /** When no verdict can be had: `true` ends the stream as blocked, `false` lets the rest through unscanned. */
  failClosed: boolean;
}

export type StreamOutcome = { result: 'completed' | 'client-gone' | 'unscanned' } | { result: 'blocked'; verdict?: Verdict };

/**
 * Relays a streamed answer so that no text reaches the client before it was scanned (buffered
 * mode). Text is gathered into windows; each window is scanned together with the tail of what was
 * already released (so nothing split across chunks escapes detection), and the last `overlap`
 * scanned characters are held back until the next window (so nothing shorter than that is
 * released half-redacted). A block stops the upstream and ends the stream with a well-formed
 * last frame. Audit mode releases every frame at once and only records would-be blocks.
 */
export class StreamGuard {
  private readonly logger = new Logger('StreamGuard');
  private held = '';
  private fresh = '';
  private tail = '';
  private template: JsonObject | undefined;
  private queued: string[] = [];
  private seq = 0;
  private finished = false;
  private bypass = false;
  private audit: Promise<void> = Promise.resolve();
  private auditBlocked: Verdict | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly exchange: Exchange,
    private readonly options: StreamGuardOptions,
  ) {}

  async run(): Promise<StreamOutcome> {
    const reader = new FrameReader(this.options.format);
    for await (const chunk of this.exchange.upstream.body) {
      this.exchange.seen(chunk);
      for (const frame of reader.push(chunk)) {
        const outcome = await this.onFrame(frame);
        if (outcome) return outcome;
      }
      if (this.res.destroyed) return { result: 'client-gone' };
    }
    for (const frame of reader.end()) {
      const outcome = await this.onFrame(frame);
      if (outcome) return outcome;
    }
    if (!this.finished) {
      const outcome = await this.flush(undefined);
      if (outcome) return outcome;
    }
    await this.audit;
    this.res.end();
    if (this.auditBlocked) this.logger.warn(`audit: streamed answer would have been blocked (${blockingNames(this.auditBlocked)})`);
    return { result: this.bypass ? 'unscanned' : 'completed' };
  }

  private async onFrame(frame: Frame): Promise<StreamOutcome | undefined> {
    if (this.finished || this.bypass) return this.write(frame.raw);
    const { adapter } = this.options;
    const text = frame.json ? adapter.frameText(frame.json) : undefined;
    const last = frame.done === true || (frame.json !== undefined && adapter.isLastFrame(frame.json));
    if (this.options.mode === 'audit') {
      if (text) this.auditText(text, last);
      if (last) this.finished = true;
      return this.write(frame.raw);
    }
    if (text) {
      this.fresh += text;
      this.template = frame.json;
    }
    if (last) return this.flush(frame);
    if (!text) {
      if (this.held || this.fresh) this.queued.push(frame.raw);
      else return this.write(frame.raw);
      return undefined;
    }
    const threshold = this.seq === 0 ? this.options.firstWindow : this.options.window;
    if (this.fresh.length >= threshold) return this.scanWindow(false);
    return undefined;
  }

  /** The answer ends: scan what is left, release it, then pass the last frame. */
  private async flush(last: Frame | undefined): Promise<StreamOutcome | undefined> {
    this.finished = true;
    const lastText = last?.json ? this.options.adapter.frameText(last.json) : undefined;
    const outcome = await this.scanWindow(true, lastText ? last!.json : undefined);
    if (outcome) return outcome;
    if (last && !lastText) await this.write(last.raw);
    return undefined;
  }

  /** `carrier`: the frame that takes the released text (the last frame, when it carries text). */
  private async scanWindow(final: boolean, carrier?: JsonObject): Promise<StreamOutcome | undefined> {
    const pending = this.held + this.fresh;
    let release = pending;
    if (pending) {
      let verdict: Verdict;
      try {
        verdict = await this.options.scan(this.seq++, this.tail.length, this.tail + pending, final);
      } catch (error) {
        if (!(error instanceof GuardUnavailableError)) throw error;
        if (this.options.failClosed) return this.block(undefined, `${this.options.blockMessage} (${error.message})`);
        this.logger.warn(`stream continues unscanned: ${error.message}`);
        this.bypass = true;
        verdict = { allowed: true, sanitized: [pending] } as Verdict;
      }
      if (!verdict.allowed) return this.block(verdict, this.options.blockMessage);
      const sanitized = verdict.sanitized[0] ?? pending;
      const hold = final || this.bypass ? 0 : Math.min(this.options.overlap, Math.floor(sanitized.length / 2));
      release = sanitized.slice(0, sanitized.length - hold);
      this.held = sanitized.slice(sanitized.length - hold);
      this.fresh = '';
    }
    if (carrier) await this.write(writeFrame(this.options.format, this.options.adapter.withText(carrier, release)));
    else if (release) await this.write(writeFrame(this.options.format, this.options.adapter.withText(this.template ?? {}, release)));
    if (release) this.tail = (this.tail + release).slice(-this.options.overlap);
    const queued = this.queued;
    this.queued = [];
    for (const raw of queued) await this.write(raw);
    return undefined;
  }

  private async block(verdict: Verdict | undefined, message: string): Promise<StreamOutcome> {
    this.exchange.abort();
    const { format, adapter, model } = this.options;
    this.res.end(writeFrame(format, adapter.blockedFrame(this.template, model, message)) + (format === 'sse' ? SSE_DONE : ''));
    return { result: 'blocked', verdict };
  }

  /** Audit mode: windows are scanned behind the stream, one after the other, and never hold it up. */
  private auditText(text: string, last: boolean): void {
    this.fresh += text;
    const threshold = this.seq === 0 ? this.options.firstWindow : this.options.window;
    if (!last && this.fresh.length < threshold) return;
    const window = this.tail + this.fresh;
    const overlap = this.tail.length;
    const seq = this.seq++;
    this.tail = window.slice(-this.options.overlap);
    this.fresh = '';
    this.audit = this.audit.then(async () => {
      try {
        const verdict = await this.options.scan(seq, overlap, window, last);
        if (!verdict.allowed) this.auditBlocked ??= verdict;
      } catch (error) {
        this.logger.warn(`audit scan failed: ${(error as Error).message}`);
      }
    });
  }

  private async write(data: string): Promise<undefined> {
    if (!this.res.destroyed && !this.res.write(data)) await drained(this.res);
    return undefined;
  }
}

export const blockingNames = (verdict: Verdict): string =>
  verdict.results
    .filter((r) => !r.passed)
    .map((r) => r.name)
    .join(',');
