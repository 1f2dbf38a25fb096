import { describe, expect, it } from 'vitest';
import { ClientIpResolver } from './client-ip.resolver.js';
import { CidrSet, formatIp, networkOf, parseCidr, parseIp } from './ip.address.js';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
};

describe('addresses and CIDRs', () => {
  it('parses IPv4, IPv6, mapped addresses, ports, brackets and zones', () => {
    expect(formatIp(ip('10.1.2.3'))).toBe('10.1.2.3');
    expect(formatIp(ip('10.1.2.3:8080'))).toBe('10.1.2.3');
    expect(formatIp(ip('2001:DB8:0:0:0:0:0:1'))).toBe('2001:db8::1');
    expect(formatIp(ip('[2001:db8::1]:443'))).toBe('2001:db8::1');
    expect(formatIp(ip('fe80::1%eth0'))).toBe('fe80::1');
    expect(formatIp(ip('::1'))).toBe('::1');
    expect(formatIp(ip('::'))).toBe('::');
    // What a dual-stack socket reports for an IPv4 client is that IPv4 client.
    expect(ip('::ffff:127.0.0.1')).toEqual(ip('127.0.0.1'));
    expect(ip('::ffff:7f00:1')).toEqual(ip('127.0.0.1'));
    for (const bad of ['unknown', '', 'example.com', '1.2.3', '256.1.1.1', '1.2.3.4.5', ':::1', '[::1']) expect(parseIp(bad)).toBeUndefined();
  });

  it('matches IPv4 and IPv6 CIDRs, and mapped clients against IPv4 entries', () => {
    const set = new CidrSet(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::ffff:172.16.0.0/108']);
    expect(set.has(ip('10.255.0.1'))).toBe(true);
    expect(set.has(ip('11.0.0.1'))).toBe(false);
    expect(set.has(ip('192.168.1.7'))).toBe(true);
    expect(set.has(ip('192.168.1.8'))).toBe(false);
    expect(set.has(ip('2001:db8:ffff::1'))).toBe(true);
    expect(set.has(ip('2001:db9::1'))).toBe(false);
    expect(set.has(ip('::ffff:10.9.9.9'))).toBe(true);
    // ::ffff:172.16.0.0/108 is 172.16.0.0/12 written in IPv6.
    expect(set.has(ip('172.31.255.255'))).toBe(true);
    expect(set.has(ip('172.32.0.0'))).toBe(false);
    expect(new CidrSet(['::/0']).has(ip('8.8.8.8'))).toBe(true);
    expect(new CidrSet(['0.0.0.0/0']).has(ip('2001:db8::1'))).toBe(false);
    expect(() => parseCidr('10.0.0.0/33')).toThrow(/prefix length/);
    expect(() => parseCidr('nonsense/8')).toThrow(/not an IPv4 or IPv6/);
  });

  it('groups IPv6 clients by network for rate limits, never IPv4 ones', () => {
    expect(networkOf(ip('2001:db8:1:2:3:4:5:6'), 64)).toBe('2001:db8:1:2::/64');
    expect(networkOf(ip('10.0.0.1'), 64)).toBe('10.0.0.1');
    expect(networkOf(ip('2001:db8::1'), 128)).toBe('2001:db8::1');
  });
});

describe('client address through trusted proxies', () => {
  const peer = '10.0.0.5';
  const resolver = new ClientIpResolver(['10.0.0.0/24', '2001:db8::/64']);
  const resolve = (socket: string, headers: Record<string, string | string[]>) => formatIp(resolver.resolve(socket, headers)!);

  it('ignores forwarding headers from anyone but a trusted proxy', () => {
    expect(resolve('203.0.113.9', { 'x-forwarded-for': '10.1.1.1' })).toBe('203.0.113.9');
    expect(resolve('203.0.113.9', { 'x-real-ip': '10.1.1.1' })).toBe('203.0.113.9');
    expect(formatIp(new ClientIpResolver([]).resolve('10.0.0.5', { 'x-forwarded-for': '1.1.1.1' })!)).toBe('10.0.0.5');
  });

  it('walks X-Forwarded-For from the right, skipping trusted hops only', () => {
    expect(resolve(peer, { 'x-forwarded-for': '198.51.100.1' })).toBe('198.51.100.1');
    // The client prepended a fake address; the entry our proxy appended wins.
    expect(resolve(peer, { 'x-forwarded-for': '10.0.0.77, 198.51.100.1' })).toBe('198.51.100.1');
    expect(resolve(peer, { 'x-forwarded-for': '198.51.100.1, 10.0.0.9' })).toBe('198.51.100.1');
    expect(resolve(peer, { 'x-forwarded-for': ['198.51.100.1', '10.0.0.9'] })).toBe('198.51.100.1');
    expect(resolve(peer, { 'x-forwarded-for': '10.0.0.8, 10.0.0.9' })).toBe('10.0.0.8');
    expect(resolve('2001:db8::7', { 'x-forwarded-for': '[2001:db8:1::1]:5555' })).toBe('2001:db8:1::1');
    expect(resolve(`::ffff:${peer}`, { 'x-forwarded-for': '198.51.100.1:1234' })).toBe('198.51.100.1');
  });

  it('stops at an entry that is not an address', () => {
    expect(resolve(peer, { 'x-forwarded-for': '198.51.100.1, unknown' })).toBe(peer);
    expect(resolve(peer, { 'x-forwarded-for': 'garbage, 10.0.0.9' })).toBe('10.0.0.9');
  });

  it('uses X-Real-IP only without X-Forwarded-For, and only a single valid one', () => {
    expect(resolve(peer, { 'x-real-ip': '198.51.100.2' })).toBe('198.51.100.2');
    expect(resolve(peer, { 'x-real-ip': 'nope' })).toBe(peer);
    expect(resolve(peer, { 'x-real-ip': '198.51.100.2', 'x-forwarded-for': '198.51.100.3' })).toBe('198.51.100.3');
  });
});
