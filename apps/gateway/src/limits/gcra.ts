// The generic cell rate algorithm: one number per client, the "theoretical arrival time" (TAT)
// of its next unit. A limit of `limit` units per `period` spaces units `period / limit` apart and
// lets `capacity` of them through at once. The same arithmetic runs in memory and, as one Lua
// script on one key, in Redis, so replicas sharing Redis share the limit exactly.

export interface GcraLimit {
  /** Units per minute (requests, or prompt tokens). */
  perMinute: number;
  /** Units allowed at once; a full minute's worth by default. */
  capacity: number;
}

export interface GcraResult {
  allowed: boolean;
  /** Units still available right after this check. */
  remaining: number;
  /** When denied: microseconds until this request would pass. */
  retryAfterUs: number;
  /** Microseconds until the client is back to its full capacity. */
  resetUs: number;
}

const MINUTE_US = 60_000_000;
/** `(now + e) - e` need not equal `now` in floating point: differences under a nanosecond are rounding, not waiting. */
const EPSILON_US = 0.001;

export const emissionUs = (limit: GcraLimit): number => MINUTE_US / limit.perMinute;

/** One check at time `now` (µs) against `tat` (µs, 0 for a new client); returns the new TAT when allowed. */
export function gcra(tat: number, now: number, limit: GcraLimit, cost: number): GcraResult & { tat: number } {
  const emission = emissionUs(limit);
  const window = limit.capacity * emission;
  const base = Math.max(tat, now);
  const next = base + cost * emission;
  const allowAt = next - window;
  if (allowAt - now > EPSILON_US) {
    return { allowed: false, remaining: Math.max(0, Math.floor((window - (base - now)) / emission)), retryAfterUs: Math.ceil(allowAt - now), resetUs: Math.ceil(base - now), tat: base };
  }
  return { allowed: true, remaining: Math.max(0, Math.floor((window - (next - now)) / emission)), retryAfterUs: 0, resetUs: Math.ceil(next - now), tat: next };
}

/**
 * The same check in Redis. Time comes from Redis (`TIME`), not from the replicas, so clock skew
 * between pods cannot loosen the limit. One key, so it runs unchanged on Redis Cluster.
 * KEYS[1]: the client. ARGV: emission interval (µs), capacity (units), cost (units).
 * Returns {allowed, remaining, retry_after_us, reset_us}.
 */
export const GCRA_SCRIPT = `
local emission = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * emission
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local base = tonumber(redis.call('GET', KEYS[1]) or '0')
if base < now then base = now end
local nxt = base + cost * emission
local allow_at = nxt - window
if allow_at - now > 0.001 then
  return {0, math.max(0, math.floor((window - (base - now)) / emission)), math.ceil(allow_at - now), math.ceil(base - now)}
end
redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.ceil((nxt - now) / 1000) + 1)
return {1, math.max(0, math.floor((window - (nxt - now)) / emission)), 0, math.ceil(nxt - now)}
`;
