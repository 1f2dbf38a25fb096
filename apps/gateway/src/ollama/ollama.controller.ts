import { Controller, Delete, Get, Head, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { GuardedProxyService } from '../guard/guarded-proxy.service.js';
import type { JsonObject } from '../http/json-body.js';
import { ProxyService } from '../proxy/proxy.service.js';
import { checkChat, checkCopy, checkEmbed, checkEmbeddings, checkGenerate, checkModelRequest } from './ollama.requests.js';

type Check = (body: unknown) => JsonObject;

/** Ollama's native API (`/api/*` and `/`), checked and forwarded as is. */
@Controller()
export class OllamaController {
  constructor(
    private readonly proxy: ProxyService,
    private readonly guarded: GuardedProxyService,
  ) {}

  @Get()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Post('api/generate')
  generate(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.guarded.forward('generate', req, reply, checkGenerate(req.body));
  }

  @Post('api/chat')
  chat(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.guarded.forward('chat', req, reply, checkChat(req.body));
  }

  @Post('api/embed')
  embed(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkEmbed);
  }

  @Post('api/embeddings')
  embeddings(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkEmbeddings);
  }

  @Get('api/tags')
  tags(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Get('api/ps')
  ps(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Get('api/version')
  version(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Post('api/show')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest);
  }

  @Post('api/copy')
  copy(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkCopy);
  }

  @Delete('api/delete')
  delete(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest);
  }

  @Post('api/pull')
  pull(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest);
  }

  @Post('api/push')
  push(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest);
  }

  @Post('api/create')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest);
  }

  @Head('api/blobs/:digest')
  blobExists(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Post('api/blobs/:digest')
  @HttpCode(201)
  uploadBlob(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    // Model files can be gigabytes: the body parser left this one as a stream.
    return this.proxy.forward(req, reply, (req.body as Readable | undefined) ?? null);
  }

  private checked(req: FastifyRequest, reply: FastifyReply, check: Check) {
    check(req.body);
    return this.proxy.forward(req, reply, req.body as Buffer);
  }
}
