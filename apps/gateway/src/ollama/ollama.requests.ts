// Checks of the Ollama request fields the gateway reads (docs/api.md of Ollama). Messages
// mirror Ollama's own where it has one ("model is required").
import { checkEach, checkField, parseJsonObject, type JsonObject } from '../http/json-body.js';

const MODEL_REQUIRED = 'model is required';

function modelAndStream(body: JsonObject, required = true): void {
  // `name` is the pre-0.5 spelling that Ollama still accepts on model-management routes.
  checkField(body, 'model', ['string'], { required: required && body.name === undefined ? MODEL_REQUIRED : undefined });
  checkField(body, 'name', ['string']);
  checkField(body, 'stream', ['boolean']);
}

export function checkGenerate(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  for (const key of ['prompt', 'suffix', 'system', 'template']) checkField(body, key, ['string']);
  checkField(body, 'images', ['string[]', 'null']);
  checkField(body, 'raw', ['boolean']);
  return body;
}

export function checkChat(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  checkField(body, 'messages', ['array', 'null']);
  checkEach(body, 'messages', (message, path) => {
    checkField(message, 'role', ['string'], { path: `${path}.role`, required: `"${path}.role" is required` });
    checkField(message, 'content', ['string'], { path: `${path}.content` });
    checkField(message, 'images', ['string[]', 'null'], { path: `${path}.images` });
  });
  checkField(body, 'tools', ['array', 'null']);
  return body;
}

export function checkEmbed(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  checkField(body, 'input', ['string', 'string[]']);
  return body;
}

export function checkEmbeddings(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  checkField(body, 'prompt', ['string']);
  return body;
}

/** show, pull, push, create, delete: a model name (or the older `name`) and the stream flag. */
export function checkModelRequest(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  return body;
}

export function checkCopy(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  checkField(body, 'source', ['string'], { required: 'source is required' });
  checkField(body, 'destination', ['string'], { required: 'destination is required' });
  return body;
}
