// One body parser for every content type. Ollama accepts JSON whatever the Content-Type says
// (`curl -d` sends form encoding), so every body is buffered raw and parsed by the route, and
// the exact bytes can be forwarded upstream. Blob uploads (model files, gigabytes) stream through.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiError } from './api-error.js';

const BLOB_PATH = '/api/blobs/';

export function registerBodyParser(fastify: FastifyInstance, limit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { bodyLimit: Number.MAX_SAFE_INTEGER }, (request: FastifyRequest, payload: Readable, done) => {
    if (request.url.startsWith(BLOB_PATH)) return done(null, payload);
    readLimited(payload, limit, request.headers['content-length']).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });
}

function readLimited(payload: Readable, limit: number, declared: string | undefined): Promise<Buffer> {
  const tooLarge = () => new ApiError(413, `request body is larger than the limit of ${limit} bytes (GATEWAY_BODY_LIMIT)`, 'body_too_large');
  return new Promise((resolve, reject) => {
    // Oversized bodies are drained, not destroyed: destroying the request would reset the
    // socket and the client would never read its 413.
    if (declared !== undefined && Number(declared) > limit) {
      payload.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    payload.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > limit) {
        rejected = true;
        chunks.length = 0;
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    payload.on('end', () => rejected || resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    payload.on('error', reject);
  });
}
