import { filterOpenAiListing, modelRestriction } from '../access/model-list.filter.js';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GuardedProxyService } from '../guard/guarded-proxy.service.js';
import { ABANDONED, TrafficService } from '../limits/traffic.service.js';
import { ProxyService } from '../proxy/proxy.service.js';
import { checkChatCompletion, checkCompletion, checkEmbedding } from './openai.requests.js';

/**
 * The OpenAI-compatible API, forwarded to the upstream's own `/v1/*` routes, so the gateway
 * fronts any OpenAI-compatible server (vLLM, llama.cpp server), not only Ollama.
 */
@Controller('v1')
export class OpenAiController {
  constructor(
    private readonly proxy: ProxyService,
    private readonly guarded: GuardedProxyService,
    private readonly traffic: TrafficService,
  ) {}

  @Post('chat/completions')
  async chatCompletions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const body = checkChatCompletion(req.body);
    if ((await this.traffic.admit(req, reply, 'inference', [body.model], body)) === ABANDONED) return;
    return this.guarded.forward('chatCompletions', req, reply, body);
  }

  @Post('completions')
  async completions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const body = checkCompletion(req.body);
    if ((await this.traffic.admit(req, reply, 'inference', [body.model], body)) === ABANDONED) return;
    return this.guarded.forward('completions', req, reply, body);
  }

  @Post('embeddings')
  async embeddings(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const body = checkEmbedding(req.body);
    if ((await this.traffic.admit(req, reply, 'inference', [body.model], body)) === ABANDONED) return;
    return this.proxy.forward(req, reply, req.body as Buffer);
  }

  @Get('models')
  models(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const allowed = modelRestriction(req);
    return allowed ? this.proxy.forwardRewritten(req, reply, filterOpenAiListing(allowed)) : this.proxy.forward(req, reply);
  }

  @Get('models/:model')
  async model(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('model') model: string) {
    await this.traffic.admit(req, reply, 'model', [model]);
    return this.proxy.forward(req, reply);
  }
}
