// Client addresses as numbers, so that CIDR checks are exact for IPv4 and IPv6 alike. An
// IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, what a dual-stack socket reports for an IPv4
// client) is the IPv4 address it maps: lists written in IPv4 must match it.
import { isIPv4, isIPv6 } from 'node:net';

export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/**
 * Parses an address as found in a socket or a forwarding header: brackets, a port and an IPv6
 * zone are dropped. Returns undefined for anything else (`unknown`, host names, garbage).
 */
export function parseIp(text: string): IpAddress | undefined {
  let s = text.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIPv4(s)) return { family: 4, value: ipv4Value(s) };
  if (!isIPv6(s)) return undefined;
  const value = ipv6Value(s);
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}

function ipv4Value(s: string): bigint {
  return s.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(s: string): bigint {
  let text = s;
  // A dotted IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two groups.
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const v4 = ipv4Value(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((shift) => Number((ip.value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  // Longest run of zero groups (two or more) becomes `::` (RFC 5952).
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best[1] && j - i > 1) best = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best[0] < 0) return hex.join(':');
  return `${hex.slice(0, best[0]).join(':')}::${hex.slice(best[0] + best[1]).join(':')}`;
}

interface Cidr {
  family: 4 | 6;
  network: bigint;
  mask: bigint;
}

const bitsOf = (family: 4 | 6) => (family === 4 ? 32 : 128);

function maskOf(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(bitsOf(family));
  return prefix === 0 ? 0n : ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** The network of `ip` at `prefix` bits, as text (rate limits count IPv6 clients per /64). */
export function networkOf(ip: IpAddress, prefix: number): string {
  if (ip.family === 4 || prefix >= 128) return formatIp(ip);
  return `${formatIp({ family: 6, value: ip.value & maskOf(6, prefix) })}/${prefix}`;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32`, `::ffff:10.0.0.0/104` or a single address; throws on anything else. */
export function parseCidr(entry: string): Cidr {
  const slash = entry.indexOf('/');
  const text = slash < 0 ? entry : entry.slice(0, slash);
  const rawIsV6 = isIPv6(text.replace(/^\[(.*)\]$/, '$1'));
  const ip = parseIp(text);
  if (!ip) throw new Error(`"${entry}" is not an IPv4 or IPv6 address or CIDR`);
  const written = rawIsV6 ? 128 : 32;
  const bits = slash < 0 ? String(written) : entry.slice(slash + 1);
  let prefix = Number(bits);
  if (!/^\d{1,3}$/.test(bits) || prefix > written) {
    throw new Error(`"${entry}": the prefix length must be 0 to ${written}`);
  }
  // `::ffff:a.b.c.d/n` was written in IPv6 but parsed as IPv4: its prefix counts the 96 mapped bits.
  if (rawIsV6 && ip.family === 4) {
    if (prefix < 96) return { family: 6, network: (MAPPED_PREFIX | ip.value) & maskOf(6, prefix), mask: maskOf(6, prefix) };
    prefix -= 96;
  }
  const mask = maskOf(ip.family, prefix);
  return { family: ip.family, network: ip.value & mask, mask };
}

/** A set of CIDRs; `has` is a linear scan, which is fast for the few dozen entries lists hold. */
export class CidrSet {
  private readonly cidrs: Cidr[];

  constructor(entries: readonly string[]) {
    this.cidrs = entries.map(parseCidr);
  }

  get size(): number {
    return this.cidrs.length;
  }

  has(ip: IpAddress): boolean {
    for (const cidr of this.cidrs) {
      if (cidr.family === ip.family) {
        if ((ip.value & cidr.mask) === cidr.network) return true;
      } else if (cidr.family === 6 && ip.family === 4 && ((MAPPED_PREFIX | ip.value) & cidr.mask) === cidr.network) {
        // A short IPv6 prefix such as ::/0 covers the mapped IPv4 space too.
        return true;
      }
    }
    return false;
  }
}
