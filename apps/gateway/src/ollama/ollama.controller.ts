import { Controller, Delete, Get, Head, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { filterOllamaListing, modelRestriction } from '../access/model-list.filter.js';
import { GuardedProxyService } from '../guard/guarded-proxy.service.js';
import type { JsonObject } from '../http/json-body.js';
import { ABANDONED, TrafficService, type RouteKind } from '../limits/traffic.service.js';
import { ProxyService } from '../proxy/proxy.service.js';
import { checkChat, checkCopy, checkEmbed, checkEmbeddings, checkGenerate, checkModelRequest } from './ollama.requests.js';

type Check = (body: unknown) => JsonObject;

/** Ollama's native API (`/api/*` and `/`), checked and forwarded as is. */
@Controller()
export class OllamaController {
  constructor(
    private readonly proxy: ProxyService,
    private readonly guarded: GuardedProxyService,
    private readonly traffic: TrafficService,
  ) {}

  @Get()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Post('api/generate')
  async generate(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const body = checkGenerate(req.body);
    if ((await this.traffic.admit(req, reply, 'inference', [body.model], body)) === ABANDONED) return;
    return this.guarded.forward('generate', req, reply, body);
  }

  @Post('api/chat')
  async chat(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const body = checkChat(req.body);
    if ((await this.traffic.admit(req, reply, 'inference', [body.model], body)) === ABANDONED) return;
    return this.guarded.forward('chat', req, reply, body);
  }

  @Post('api/embed')
  embed(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkEmbed, 'inference');
  }

  @Post('api/embeddings')
  embeddings(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkEmbeddings, 'inference');
  }

  @Get('api/tags')
  tags(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.listing(req, reply);
  }

  @Get('api/ps')
  ps(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.listing(req, reply);
  }

  /** Model listings: whole, or narrowed to the models the request's API key may use. */
  private listing(req: FastifyRequest, reply: FastifyReply) {
    const allowed = modelRestriction(req);
    return allowed ? this.proxy.forwardRewritten(req, reply, filterOllamaListing(allowed)) : this.proxy.forward(req, reply);
  }

  @Get('api/version')
  version(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.proxy.forward(req, reply);
  }

  @Post('api/show')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest, 'model');
  }

  @Post('api/copy')
  copy(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkCopy, 'model');
  }

  @Delete('api/delete')
  delete(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest, 'model');
  }

  @Post('api/pull')
  pull(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest, 'model');
  }

  @Post('api/push')
  push(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest, 'model');
  }

  @Post('api/create')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.checked(req, reply, checkModelRequest, 'model');
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

  private async checked(req: FastifyRequest, reply: FastifyReply, check: Check, kind: RouteKind) {
    const body = check(req.body);
    // `name` is the older spelling of `model`; copy names two models.
    const models = [body.model ?? body.name, body.source, body.destination];
    if ((await this.traffic.admit(req, reply, kind, models, body)) === ABANDONED) return;
    return this.proxy.forward(req, reply, req.body as Buffer);
  }
}
