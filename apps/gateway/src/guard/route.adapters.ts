// Where the text is in each guarded route's requests, answers and stream frames, and how a
// block looks in that route's own format. One adapter per route; the enforcement is shared.
import type { Segment } from '@ollama-guard/contracts';
import { ApiError, type ApiFlavor } from '../http/api-error.js';
import type { JsonObject } from '../http/json-body.js';

/** A piece of text inside a JSON document, with a way to replace it in place. */
export interface TextSlot {
  role: string;
  text: string;
  set(text: string): void;
}

export interface RouteAdapter {
  readonly flavor: ApiFlavor;
  /** Whether the client asked for a stream (Ollama streams unless told not to; OpenAI the other way). */
  isStream(body: JsonObject): boolean;
  /** The texts of the prompt, in order; images and other media are not text and pass unscanned. */
  promptSlots(body: JsonObject): TextSlot[];
  /** The answer texts of a complete (non-streamed) response. */
  answerSlots(answer: JsonObject): TextSlot[];
  /** The text a stream frame adds, or undefined for frames that carry none. */
  frameText(frame: JsonObject): string | undefined;
  /** A frame like `template` that carries `text` instead. */
  withText(template: JsonObject, text: string): JsonObject;
  /** Whether this frame ends the answer (text after it is not expected). */
  isLastFrame(frame: JsonObject): boolean;
  /** The well-formed last frame of a stream the guard stopped. */
  blockedFrame(template: JsonObject | undefined, model: string, message: string): JsonObject;
  /** A complete ordinary answer carrying `message` (the block-as-message option). */
  messageAnswer(model: string, message: string): JsonObject;
}

const slot = (object: JsonObject, key: string, role: string): TextSlot[] =>
  typeof object[key] === 'string' ? [{ role, text: object[key] as string, set: (text) => (object[key] = text) }] : [];

const now = () => new Date().toISOString();
const unix = () => Math.floor(Date.now() / 1000);

function ollamaAdapter(kind: 'generate' | 'chat'): RouteAdapter {
  const textOf = (frame: JsonObject): string | undefined =>
    kind === 'generate' ? (frame.response as string | undefined) : ((frame.message as JsonObject | undefined)?.content as string | undefined);
  const withText = (template: JsonObject, text: string): JsonObject =>
    kind === 'generate' ? { ...template, response: text } : { ...template, message: { ...(template.message as JsonObject), content: text } };
  return {
    flavor: 'ollama',
    isStream: (body) => body.stream !== false,
    promptSlots(body) {
      if (kind === 'generate') return [...slot(body, 'system', 'system'), ...slot(body, 'prompt', 'user'), ...slot(body, 'suffix', 'suffix')];
      return ((body.messages as JsonObject[] | undefined) ?? []).flatMap((m) => slot(m, 'content', String(m.role)));
    },
    answerSlots: (answer) => (kind === 'generate' ? slot(answer, 'response', 'assistant') : slot((answer.message as JsonObject) ?? {}, 'content', 'assistant')),
    frameText: textOf,
    withText,
    isLastFrame: (frame) => frame.done === true,
    blockedFrame: (template, model, message) => ({
      ...withText({ model, created_at: now(), ...(kind === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' }), ...template }, ''),
      done: true,
      done_reason: 'guard_blocked',
      error: message,
    }),
    messageAnswer: (model, message) => ({
      model,
      created_at: now(),
      ...(kind === 'chat' ? { message: { role: 'assistant', content: message } } : { response: message }),
      done: true,
      done_reason: 'guard_blocked',
    }),
  };
}

function openAiAdapter(kind: 'chat' | 'completions'): RouteAdapter {
  const choiceText = (choice: JsonObject | undefined): string | undefined =>
    kind === 'chat' ? ((choice?.delta as JsonObject | undefined)?.content as string | undefined) : (choice?.text as string | undefined);
  return {
    flavor: 'openai',
    isStream: (body) => body.stream === true,
    promptSlots(body) {
      if (kind === 'completions') {
        const prompt = body.prompt;
        if (typeof prompt === 'string') return slot(body, 'prompt', 'user');
        if (Array.isArray(prompt) && prompt.every((p) => typeof p === 'string')) {
          return prompt.map((text, i) => ({ role: 'user', text, set: (t: string) => (prompt[i] = t) }));
        }
        throw new ApiError(400, 'token arrays cannot be scanned by the guard: send the prompt as text', 'unscannable_prompt', 'prompt');
      }
      return ((body.messages as JsonObject[] | undefined) ?? []).flatMap((m) => {
        const role = String(m.role);
        if (typeof m.content === 'string') return slot(m, 'content', role);
        if (!Array.isArray(m.content)) return [];
        return (m.content as JsonObject[]).filter((part) => part.type === 'text').flatMap((part) => slot(part, 'text', role));
      });
    },
    answerSlots: (answer) =>
      ((answer.choices as JsonObject[] | undefined) ?? []).flatMap((choice) =>
        kind === 'chat' ? slot((choice.message as JsonObject) ?? {}, 'content', 'assistant') : slot(choice, 'text', 'assistant'),
      ),
    frameText: (frame) => choiceText((frame.choices as JsonObject[] | undefined)?.[0]),
    withText(template, text) {
      const [first, ...rest] = (template.choices as JsonObject[] | undefined) ?? [{ index: 0 }];
      const choice = kind === 'chat' ? { ...first, delta: { ...(first.delta as JsonObject), content: text } } : { ...first, text };
      return { ...template, choices: [choice, ...rest] };
    },
    isLastFrame: (frame) => ((frame.choices as JsonObject[] | undefined) ?? []).some((c) => c.finish_reason !== null && c.finish_reason !== undefined),
    blockedFrame: (template, model, message) => ({
      id: template?.id ?? `chatcmpl-guard-${unix()}`,
      object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion',
      created: template?.created ?? unix(),
      model: template?.model ?? model,
      choices: [kind === 'chat' ? { index: 0, delta: {}, finish_reason: 'content_filter' } : { index: 0, text: '', finish_reason: 'content_filter' }],
      error: { message, type: 'guard_blocked', code: 'output_blocked' },
    }),
    messageAnswer: (model, message) => ({
      id: `chatcmpl-guard-${unix()}`,
      object: kind === 'chat' ? 'chat.completion' : 'text_completion',
      created: unix(),
      model,
      choices: [
        kind === 'chat'
          ? { index: 0, message: { role: 'assistant', content: message }, finish_reason: 'content_filter' }
          : { index: 0, text: message, finish_reason: 'content_filter' },
      ],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    }),
  };
}

export const ROUTES = {
  generate: ollamaAdapter('generate'),
  chat: ollamaAdapter('chat'),
  chatCompletions: openAiAdapter('chat'),
  completions: openAiAdapter('completions'),
} satisfies Record<string, RouteAdapter>;

export type GuardedRoute = keyof typeof ROUTES;

export const segmentsOf = (slots: TextSlot[]): Segment[] => slots.map((s) => ({ role: s.role, text: s.text }));
