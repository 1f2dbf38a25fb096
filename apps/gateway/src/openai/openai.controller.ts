import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GuardedProxyService } from '../guard/guarded-proxy.service.js';
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
  ) {}

  @Post('chat/completions')
  chatCompletions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.guarded.forward('chatCompletions', req, reply, checkChatCompletion(req.body));
  }

  @Post('completions')
  completions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.guarded.forward('completions', req, reply, checkCompletion(req.body));
  }

  @Post('embeddings')
  embeddings(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    checkEmbedding(req.body);
    return this.proxy.forward(req, reply, req.body as Buffer);
  }

  @Get('models')
  models(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Get('models/:model')
  model(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }
}
