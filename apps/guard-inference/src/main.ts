import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@ollama-guard/config';
import { createGuardInference } from './guard.app.js';

const config = loadConfigOrExit();
const app = await createGuardInference(config);
await app.listen();
new Logger('GuardInference').log(`gRPC listening on ${config.inference.host}:${config.inference.port}`);
