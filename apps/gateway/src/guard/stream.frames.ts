// Reading and writing the two streaming formats: NDJSON (Ollama: one JSON object per line) and
// server-sent events (OpenAI: `data: <json>` events, ending with `data: [DONE]`). Chunks from
// the upstream may cut a frame anywhere; the reader reassembles them.
import type { JsonObject } from '../http/json-body.js';

export type StreamFormat = 'ndjson' | 'sse';

export interface Frame {
  /** The frame's bytes as received, to pass on unchanged when nothing about it changes. */
  raw: string;
  /** The parsed JSON object; undefined for non-JSON frames (`[DONE]`, comments, errors). */
  json?: JsonObject;
  /** SSE `data: [DONE]`. */
  done?: boolean;
}

export class FrameReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  constructor(private readonly format: StreamFormat) {}

  push(chunk: Uint8Array): Frame[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Whatever is left when the upstream ends (a last line without its newline). */
  end(): Frame[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(atEnd: boolean): Frame[] {
    const separator = this.format === 'ndjson' ? '\n' : '\n\n';
    this.buffer = this.format === 'sse' ? this.buffer.replace(/\r\n/g, '\n') : this.buffer;
    const frames: Frame[] = [];
    let index: number;
    while ((index = this.buffer.indexOf(separator)) >= 0) {
      frames.push(this.parse(this.buffer.slice(0, index + separator.length)));
      this.buffer = this.buffer.slice(index + separator.length);
    }
    if (atEnd && this.buffer.trim()) {
      frames.push(this.parse(this.buffer + separator));
      this.buffer = '';
    }
    return frames.filter((f) => f.raw.trim() !== '');
  }

  private parse(raw: string): Frame {
    const payload = this.format === 'ndjson' ? raw : dataOf(raw);
    if (payload === undefined) return { raw };
    if (this.format === 'sse' && payload.trim() === '[DONE]') return { raw, done: true };
    try {
      const json: unknown = JSON.parse(payload);
      return typeof json === 'object' && json !== null && !Array.isArray(json) ? { raw, json: json as JsonObject } : { raw };
    } catch {
      return { raw };
    }
  }
}

/** The joined `data:` lines of one SSE event, or undefined if it has none (a comment, a retry). */
function dataOf(event: string): string | undefined {
  const lines = event.split('\n').filter((line) => line.startsWith('data:'));
  return lines.length ? lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n') : undefined;
}

export function writeFrame(format: StreamFormat, json: JsonObject): string {
  return format === 'ndjson' ? `${JSON.stringify(json)}\n` : `data: ${JSON.stringify(json)}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';
