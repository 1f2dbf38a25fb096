// Who the client is. The socket peer, unless the peer is a trusted proxy: then the forwarding
// headers are read, `X-Forwarded-For` from the right, each trusted hop skipped, and the first
// address not trusted is the client. Entries to its left were written by the client itself and
// are never believed, so a spoofed header from anywhere cannot pick the address we check.
import type { IncomingHttpHeaders } from 'node:http';
import { CidrSet, parseIp, type IpAddress } from './ip.address.js';

export class ClientIpResolver {
  private readonly trusted: CidrSet;

  constructor(trustedProxies: readonly string[]) {
    this.trusted = new CidrSet(trustedProxies);
  }

  /** Undefined only when the socket has no usable address (already closed). */
  resolve(socketAddress: string | undefined, headers: IncomingHttpHeaders): IpAddress | undefined {
    const peer = socketAddress === undefined ? undefined : parseIp(socketAddress);
    if (!peer || this.trusted.size === 0 || !this.trusted.has(peer)) return peer;
    const forwarded = headerValues(headers['x-forwarded-for']);
    if (forwarded.length > 0) {
      let client = peer;
      for (let i = forwarded.length - 1; i >= 0; i--) {
        const hop = parseIp(forwarded[i]);
        // A hop that is not an address ("unknown", garbage) ends the walk: the last trusted
        // address is the best we know, and nothing further left can be trusted.
        if (!hop) return client;
        client = hop;
        if (!this.trusted.has(hop)) return hop;
      }
      return client;
    }
    const real = headerValues(headers['x-real-ip']);
    return (real.length === 1 ? parseIp(real[0]) : undefined) ?? peer;
  }
}

/** Repeated headers are one list, in order (RFC 9110 §5.3). */
function headerValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
