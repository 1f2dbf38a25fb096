import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import type { VaultEntry, Verdict } from '@ollama-guard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { policyOf } from '../access/request.context.js';
import { ApiError, errorBody } from '../http/api-error.js';
import type { JsonObject } from '../http/json-body.js';
import { ProxyService, type Exchange } from '../proxy/proxy.service.js';
import { blockMessage } from './block.messages.js';
import { GuardCallError } from './guard.client.js';
import { GuardService, type GuardDecision } from './guard.service.js';
import { ROUTES, segmentsOf, type GuardedRoute, type RouteAdapter, type TextSlot } from './route.adapters.js';
import { blockingNames, GuardUnavailableError, StreamGuard, type WindowScan } from './stream.guard.js';
import { SSE_DONE, writeFrame } from './stream.frames.js';

/** What the input scan left for the output scan of the same request. */
interface RequestGuardState {
  policy: string;
  requestId: string;
  prompt: string;
  vault: VaultEntry[];
  started: number;
  guardMs: number;
  degraded: boolean;
  /** Scans this request needed, and how many of them no scanner had to run for. */
  scans: number;
  cachedScans: number;
}

/**
 * Enforces verdicts on the generation routes: the prompt is scanned before it goes upstream
 * (blocked, or redacted and re-serialized), and the answer before it reaches the client, whole or
 * window by window when streamed.
 */
@Injectable()
export class GuardedProxyService {
  private readonly logger = new Logger('Guard');

  constructor(
    private readonly proxy: ProxyService,
    private readonly guard: GuardService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async forward(route: GuardedRoute, request: FastifyRequest, reply: FastifyReply, body: JsonObject): Promise<void> {
    if (!this.config.guard.enable_input && !this.config.guard.enable_output) return this.proxy.forward(request, reply, request.body as Buffer);
    const adapter = ROUTES[route];
    const stream = adapter.isStream(body);
    if (adapter.flavor === 'openai' && stream && typeof body.n === 'number' && body.n > 1) {
      throw new ApiError(400, 'streaming with n > 1 cannot be guarded: ask for one choice per request', 'unsupported_parameter', 'n');
    }
    const state: RequestGuardState = {
      policy: policyOf(request),
      requestId: String(request.headers['x-request-id'] ?? randomUUID()),
      prompt: '',
      vault: [],
      started: performance.now(),
      guardMs: 0,
      degraded: false,
      scans: 0,
      cachedScans: 0,
    };
    let upstreamBody = request.body as Buffer;
    const slots = adapter.promptSlots(body);
    state.prompt = lastUserText(slots);

    if (this.config.guard.enable_input && slots.some((s) => s.text.trim() !== '')) {
      const decision = await this.timed(state, () => this.guard.scanPrompt(state.policy, segmentsOf(slots), state.requestId));
      if (!decision.ok) this.unavailable(reply, decision.reason);
      else {
        const { verdict } = decision;
        this.markVerdict(reply, state, decision);
        if (!verdict.allowed) return this.blockInput(reply, adapter, body, verdict, stream, state);
        if (verdict.modified) {
          slots.forEach((slot, i) => slot.set(verdict.sanitized[i] ?? slot.text));
          upstreamBody = Buffer.from(JSON.stringify(body));
          state.prompt = lastUserText(slots);
        }
        state.vault = verdict.vault;
      }
    }
    this.timingHeader(reply, state);

    if (!this.config.guard.enable_output) return this.proxy.forward(request, reply, upstreamBody);
    // Guarded answers are parsed, so they must come uncompressed.
    const exchange = await this.proxy.send(request, reply, upstreamBody, { 'accept-encoding': 'identity' });
    if (!exchange) return;
    try {
      const { upstream } = exchange;
      const type = String(upstream.headers['content-type'] ?? '');
      if (upstream.statusCode !== 200) return await this.proxy.relay(request, reply, exchange);
      if (type.includes('ndjson') || type.includes('text/event-stream')) return await this.guardStream(request, reply, exchange, adapter, body, state);
      return await this.guardAnswer(request, reply, exchange, adapter, body, state);
    } finally {
      exchange.done();
    }
  }

  private async guardAnswer(request: FastifyRequest, reply: FastifyReply, exchange: Exchange, adapter: RouteAdapter, body: JsonObject, state: RequestGuardState) {
    const { upstream } = exchange;
    const raw = Buffer.from(await upstream.body.arrayBuffer());
    exchange.seen(raw);
    let answer: JsonObject;
    try {
      answer = JSON.parse(raw.toString('utf8')) as JsonObject;
    } catch {
      throw new ApiError(502, 'upstream answered with a body that is not JSON; it cannot be scanned', 'upstream_invalid');
    }
    const slots = adapter.answerSlots(answer);
    let out = raw;
    let modified = false;
    for (const slot of slots.filter((s) => s.text.trim() !== '')) {
      const decision = await this.timed(state, () => this.guard.scanOutput(state.policy, state.prompt, slot.text, state.vault, state.requestId));
      if (!decision.ok) {
        this.unavailable(reply, decision.reason);
        continue;
      }
      this.markVerdict(reply, state, decision);
      if (!decision.verdict.allowed) return this.blockOutput(reply, adapter, body, decision.verdict, state);
      if (decision.verdict.modified) {
        slot.set(decision.verdict.sanitized[0]);
        modified = true;
      }
    }
    if (modified) out = Buffer.from(JSON.stringify(answer));
    this.timingHeader(reply, state);
    const { 'content-length': _length, ...headers } = upstream.headers;
    this.proxy.writeHead(reply, 200, { ...headers, 'content-length': String(out.length) }).end(out);
  }

  private async guardStream(request: FastifyRequest, reply: FastifyReply, exchange: Exchange, adapter: RouteAdapter, body: JsonObject, state: RequestGuardState) {
    const { guard } = this.config;
    const format = adapter.flavor === 'ollama' ? 'ndjson' : 'sse';
    this.timingHeader(reply, state);
    const res = this.proxy.writeHead(reply, 200, exchange.upstream.headers);
    const scan = this.windowScanner(state);
    try {
      const outcome = await new StreamGuard(res, exchange, {
        format,
        adapter,
        model: String(body.model ?? ''),
        mode: guard.stream_mode,
        firstWindow: guard.stream_first_window,
        window: guard.stream_window,
        overlap: guard.stream_overlap,
        scan: scan.scan,
        blockMessage: blockMessage('output', state.prompt),
        failClosed: guard.block_on_error,
      }).run();
      if (outcome.result !== 'client-gone') this.guard.countStream(outcome.result === 'completed' ? 'allowed' : outcome.result, state.degraded);
      if (outcome.result === 'blocked') this.logger.log(`request ${state.requestId}: streamed answer blocked (${outcome.verdict ? blockingNames(outcome.verdict) : 'guard unavailable'})`);
    } catch (error) {
      if (!exchange.aborted && !res.destroyed) this.logger.warn(`request ${state.requestId}: stream failed: ${(error as Error).message}`);
    } finally {
      scan.close();
      if (!res.writableEnded) res.destroy();
    }
  }

  /**
   * Windows go to guard-inference on one bidirectional call; if it fails mid-answer the rest
   * is scanned by the gateway's rule scanners (degraded mode) or the answer stops (fail closed).
   */
  private windowScanner(state: RequestGuardState): { scan: WindowScan; close(): void } {
    let session = this.guard.openOutputStream(state.policy, state.prompt, state.vault, state.requestId);
    const local: WindowScan = async (_seq, overlap, text) => {
      if (!this.guard.degradedMode) throw new GuardUnavailableError('guard service unavailable');
      return this.guard.scanWindowLocally(state.policy, state.prompt, text, overlap, state.vault);
    };
    return {
      scan: async (seq, overlap, text, final) => {
        if (session) {
          try {
            const verdict = await session.scan(seq, overlap, text, final);
            this.guard.breaker.success();
            if (!verdict.results.some((r) => r.error)) return verdict;
          } catch (error) {
            if (!(error instanceof GuardCallError)) throw error;
            this.guard.breaker.failure();
            this.logger.warn(`request ${state.requestId}: guard stream failed: ${error.message}`);
          }
          session.close();
          session = undefined;
        }
        return local(seq, overlap, text, final);
      },
      close: () => session?.close(),
    };
  }

  private blockInput(reply: FastifyReply, adapter: RouteAdapter, body: JsonObject, verdict: Verdict, stream: boolean, state: RequestGuardState): void {
    const message = blockMessage('input', state.prompt);
    this.blockHeaders(reply, 'input', verdict, state);
    this.logger.log(`request ${state.requestId}: prompt blocked (${blockingNames(verdict)})`);
    if (this.config.guard.block_as_message) return this.sendMessage(reply, adapter, String(body.model ?? ''), message, stream);
    throw new ApiError(this.config.guard.input_block_status, message, 'input_blocked');
  }

  private blockOutput(reply: FastifyReply, adapter: RouteAdapter, body: JsonObject, verdict: Verdict, state: RequestGuardState): void {
    const message = blockMessage('output', state.prompt);
    this.blockHeaders(reply, 'output', verdict, state);
    this.logger.log(`request ${state.requestId}: answer blocked (${blockingNames(verdict)})`);
    if (this.config.guard.block_as_message) return this.sendMessage(reply, adapter, String(body.model ?? ''), message, false);
    const error = new ApiError(this.config.guard.output_block_status, message, 'output_blocked');
    this.proxy.writeHead(reply, error.status, { 'content-type': 'application/json; charset=utf-8' }).end(errorBody(adapter.flavor, error));
  }

  /** The block-as-message option: an ordinary answer in the route's own format, streamed if asked. */
  private sendMessage(reply: FastifyReply, adapter: RouteAdapter, model: string, message: string, stream: boolean): void {
    const answer = adapter.messageAnswer(model, message);
    if (!stream) {
      this.proxy.writeHead(reply, 200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
      return;
    }
    const format = adapter.flavor === 'ollama' ? 'ndjson' : 'sse';
    const res = this.proxy.writeHead(reply, 200, { 'content-type': format === 'ndjson' ? 'application/x-ndjson' : 'text/event-stream' });
    if (format === 'ndjson') res.end(writeFrame('ndjson', answer));
    else {
      const chunk = toChunk(answer);
      res.end(writeFrame('sse', chunk) + SSE_DONE);
    }
  }

  private blockHeaders(reply: FastifyReply, direction: 'input' | 'output', verdict: Verdict, state: RequestGuardState): void {
    reply.header('x-guard-block', direction).header('x-guard-scanners', blockingNames(verdict));
    this.timingHeader(reply, state);
  }

  private unavailable(reply: FastifyReply, reason: string): void {
    if (this.config.guard.block_on_error) throw new ApiError(503, `the guard could not scan this request: ${reason}`, 'guard_unavailable');
    reply.header('x-guard-status', 'unscanned');
  }

  private markVerdict(reply: FastifyReply, state: RequestGuardState, decision: Extract<GuardDecision, { ok: true }>): void {
    state.scans++;
    if (decision.cached) state.cachedScans++;
    reply.header('x-guard-cache', state.cachedScans === state.scans ? 'hit' : 'miss');
    if (decision.source === 'degraded' && !state.degraded) {
      state.degraded = true;
      reply.header('x-guard-degraded', 'rule-scanners-only');
    }
  }

  private timingHeader(reply: FastifyReply, state: RequestGuardState): void {
    reply.header('x-guard-duration-ms', state.guardMs.toFixed(2));
  }

  private async timed(state: RequestGuardState, scan: () => Promise<GuardDecision>): Promise<GuardDecision> {
    const t0 = performance.now();
    try {
      return await scan();
    } finally {
      state.guardMs += performance.now() - t0;
    }
  }
}

const lastUserText = (slots: TextSlot[]): string => [...slots].reverse().find((s) => s.role === 'user')?.text ?? slots[slots.length - 1]?.text ?? '';

/** A complete chat/completion object as one SSE chunk. */
function toChunk(answer: JsonObject): JsonObject {
  const choices = (answer.choices as JsonObject[]).map((c) =>
    c.message ? { index: c.index, delta: c.message, finish_reason: c.finish_reason } : { index: c.index, text: c.text, finish_reason: c.finish_reason },
  );
  return { ...answer, object: answer.object === 'chat.completion' ? 'chat.completion.chunk' : answer.object, choices };
}
