import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@ollama-guard/config';
import { createGateway } from './gateway.app.js';

const config = loadConfigOrExit();
const app = await createGateway(config);
await app.listen(config.gateway.port, config.gateway.host);
new Logger('Gateway').log(`listening on ${await app.getUrl()}, forwarding to ${config.upstream.url}`);
