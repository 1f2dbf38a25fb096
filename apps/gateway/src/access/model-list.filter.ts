// A key limited to some models sees only those in the model listings too: Ollama's `/api/tags`
// and `/api/ps` (`models[].name`) and OpenAI's `/v1/models` (`data[].id`).
import type { FastifyRequest } from 'fastify';
import { accessContextOf } from './request.context.js';
import type { ModelPatterns } from './model.patterns.js';

type Listing = Record<string, unknown>;

const isObject = (value: unknown): value is Listing => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The restriction of the request's key, or undefined when it may see every model. */
export function modelRestriction(request: FastifyRequest): ModelPatterns | undefined {
  return accessContextOf(request)?.key?.models;
}

export function filterOllamaListing(allowed: ModelPatterns): (answer: unknown) => unknown {
  return (answer) => {
    if (!isObject(answer) || !Array.isArray(answer.models)) return answer;
    const name = (m: unknown) => (isObject(m) ? String(m.name ?? m.model ?? '') : '');
    return { ...answer, models: answer.models.filter((m) => allowed.allows(name(m))) };
  };
}

export function filterOpenAiListing(allowed: ModelPatterns): (answer: unknown) => unknown {
  return (answer) => {
    if (!isObject(answer) || !Array.isArray(answer.data)) return answer;
    return { ...answer, data: answer.data.filter((m) => isObject(m) && allowed.allows(String(m.id ?? ''))) };
  };
}
