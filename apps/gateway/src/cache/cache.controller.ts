import { Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { VerdictCache, type CacheStatsSnapshot } from '@ollama-guard/cache';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error.js';

/** The verdict cache's state, and the protected clear command. */
@Controller()
export class CacheController {
  constructor(
    private readonly cache: VerdictCache,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get('cache/stats')
  stats(): CacheStatsSnapshot {
    return this.cache.snapshot();
  }

  /**
   * Removes our keys from Redis (every master, in batches) and tells every replica, gateways and
   * guard services alike, to drop its in-process tiers.
   */
  @Post('admin/cache/clear')
  @HttpCode(200)
  async clear(@Headers('authorization') authorization: string | undefined): Promise<{ cleared: true; removed: number }> {
    const token = this.config.cache.admin_token;
    if (!token) throw new ApiError(403, 'clearing the cache is disabled: set cache.admin_token (CACHE_ADMIN_TOKEN) to enable it', 'forbidden');
    const given = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, token)) throw new ApiError(401, 'a valid admin token is required: Authorization: Bearer <CACHE_ADMIN_TOKEN>', 'unauthorized');
    try {
      return { cleared: true, ...(await this.cache.clear()) };
    } catch (error) {
      throw new ApiError(503, `the cache could not be cleared: ${(error as Error).message}`, 'cache_unavailable');
    }
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
