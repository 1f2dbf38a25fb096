// Checks of the OpenAI request fields the gateway reads. Token arrays are accepted where the
// OpenAI API accepts them, so servers such as vLLM keep working behind the gateway.
import { checkEach, checkField, parseJsonObject, type JsonObject } from '../http/json-body.js';

function modelAndStream(body: JsonObject): void {
  checkField(body, 'model', ['string'], { required: 'you must provide a model parameter' });
  checkField(body, 'stream', ['boolean', 'null']);
  checkField(body, 'stream_options', ['object', 'null']);
}

export function checkChatCompletion(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  checkField(body, 'messages', ['array'], { required: 'you must provide a messages parameter' });
  checkEach(body, 'messages', (message, path) => {
    checkField(message, 'role', ['string'], { path: `${path}.role`, required: `"${path}.role" is required` });
    checkField(message, 'content', ['string', 'array', 'null'], { path: `${path}.content` });
    checkEach(message, 'content', (part, partPath) => {
      checkField(part, 'type', ['string'], { path: `${path}.${partPath}.type`, required: `"${path}.${partPath}.type" is required` });
    });
  });
  return body;
}

export function checkCompletion(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  checkField(body, 'prompt', ['string', 'string[]', 'number[]', 'number[][]'], { required: 'you must provide a prompt parameter' });
  return body;
}

export function checkEmbedding(raw: unknown): JsonObject {
  const body = parseJsonObject(raw);
  modelAndStream(body);
  checkField(body, 'input', ['string', 'string[]', 'number[]', 'number[][]'], { required: 'you must provide an input parameter' });
  return body;
}
