// Prompt tokens of a request, for the tokens-per-minute limit. The limit must cost next to
// nothing per request, so tokens are estimated the way the token_limit scanner's fallback does
// (~4 ASCII characters a token, one per other character, the scanner's own function), not by
// running a BPE tokenizer.
import { approximateTokens } from '@ollama-guard/scanners';
import type { JsonObject } from '../http/json-body.js';

/** Texts the upstream will read as prompt on any generation or embedding route, either API. */
function* promptTexts(body: JsonObject): Generator<string> {
  for (const key of ['prompt', 'system', 'suffix', 'input']) {
    const value = body[key];
    if (typeof value === 'string') yield value;
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') yield item;
  }
  const messages = body.messages;
  if (!Array.isArray(messages)) return;
  for (const message of messages as JsonObject[]) {
    const content = message?.content;
    if (typeof content === 'string') yield content;
    else if (Array.isArray(content)) for (const part of content as JsonObject[]) if (typeof part?.text === 'string') yield part.text;
  }
}

export function promptTokens(body: JsonObject): number {
  let total = 0;
  for (const text of promptTexts(body)) total += approximateTokens(text);
  return total;
}
