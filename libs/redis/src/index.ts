// Redis connections for the cache and the rate limiter: standalone, Sentinel or Cluster, from config.
export { describeRedis, explainRedisError, RedisConnection, type RedisClient } from './redis.connection.js';
export { parseHostPort, type HostPort, type RedisConfig } from './redis.options.js';
