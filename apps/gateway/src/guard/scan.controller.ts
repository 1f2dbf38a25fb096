import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Verdict } from '@ollama-guard/contracts';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import { checkField, parseJsonObject } from '../http/json-body.js';
import { GuardService, type GuardDecision } from './guard.service.js';

/**
 * The scan-only API: applications that do not proxy through the gateway ask for a verdict.
 * The answer is the verdict itself (`allowed`, sanitized text, every scanner's result).
 */
@Controller('v1/guard/scan')
export class ScanController {
  constructor(private readonly guard: GuardService) {}

  @Post('prompt')
  @HttpCode(200)
  async prompt(@Req() req: FastifyRequest) {
    const body = parseJsonObject(req.body);
    checkField(body, 'prompt', ['string'], { required: 'you must provide a prompt parameter' });
    checkField(body, 'policy', ['string']);
    return present(await this.guard.scanPrompt(String(body.policy ?? 'default'), [{ role: 'user', text: body.prompt as string }], requestId(req)));
  }

  @Post('output')
  @HttpCode(200)
  async output(@Req() req: FastifyRequest) {
    const body = parseJsonObject(req.body);
    checkField(body, 'prompt', ['string'], { required: 'you must provide a prompt parameter' });
    checkField(body, 'output', ['string'], { required: 'you must provide an output parameter' });
    checkField(body, 'policy', ['string']);
    return present(await this.guard.scanOutput(String(body.policy ?? 'default'), body.prompt as string, body.output as string, [], requestId(req)));
  }
}

const requestId = (req: FastifyRequest) => String(req.headers['x-request-id'] ?? randomUUID());

function present(decision: GuardDecision): Verdict & { sanitized_text: string; degraded: boolean } {
  if (!decision.ok) throw new ApiError(503, `the guard could not scan this text: ${decision.reason}`, 'guard_unavailable');
  const { verdict } = decision;
  return { ...verdict, cached: decision.cached, sanitized_text: verdict.sanitized[0] ?? '', degraded: decision.source === 'degraded' };
}
