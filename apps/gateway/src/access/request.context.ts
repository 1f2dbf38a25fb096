// What the access layer learnt about a request (who the client is, which key it used), kept for
// the later stages of the same request: limits, queueing, policy selection, logs.
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyEntry } from './api-keys.file.js';
import type { IpAddress } from './ip.address.js';

export interface AccessContext {
  /** The client address (after trusted proxies), as text; empty if the socket had none. */
  readonly ip: string;
  readonly address: IpAddress | undefined;
  /** The API key the request presented, when keys are enabled. */
  readonly key: ApiKeyEntry | undefined;
  /** Whom rate limits count this request against: `key:<name>` or `ip:<address or /64>`. */
  readonly identity: string;
}

const contexts = new WeakMap<IncomingMessage, AccessContext>();

export function setAccessContext(request: FastifyRequest, context: AccessContext): void {
  contexts.set(request.raw, context);
}

export function accessContextOf(request: FastifyRequest): AccessContext | undefined {
  return contexts.get(request.raw);
}

/** The scanner policy for this request: the one its API key selects, else `default`. */
export function policyOf(request: FastifyRequest): string {
  return contexts.get(request.raw)?.key?.policy ?? 'default';
}
