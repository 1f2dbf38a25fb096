// A guard service that scans nothing: a plain grpc-js server answering every ScanPrompt and
// ScanOutput at once with an allowed verdict shaped like the real one (seven scanner results). The
// guard benchmark puts the gateway in front of it to measure what the gRPC hop alone costs.
// Usage: node --import ./scripts/register-swc.mjs bench/noop-guard.server.ts --port 50099
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { Action, GuardServiceService, type ScannerResult, type ScanOutputRequest, type ScanOutputResponse, type ScanPromptRequest, type ScanPromptResponse, type Verdict } from '@ollama-guard/contracts';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const NAMES = ['invisible_text', 'secrets', 'anonymize', 'token_limit', 'prompt_injection', 'toxicity', 'harmful_request'];
const results: ScannerResult[] = NAMES.map((name) => ({ name, passed: true, score: 0.01, action: Action.ACTION_BLOCK, reason: 'clean', durationMs: 0.01, error: false }));

const verdict = (sanitized: string[]): Verdict => ({
  allowed: true,
  sanitized,
  modified: false,
  results,
  policy: 'default',
  fingerprint: 'noop',
  vault: [],
  durationMs: 0,
  cached: false,
});

const server = new Server();
server.addService(GuardServiceService, {
  scanPrompt: (call: ServerUnaryCall<ScanPromptRequest, ScanPromptResponse>, done: sendUnaryData<ScanPromptResponse>) =>
    done(null, { verdict: verdict(call.request.segments.map((s) => s.text)) }),
  scanOutput: (call: ServerUnaryCall<ScanOutputRequest, ScanOutputResponse>, done: sendUnaryData<ScanOutputResponse>) => done(null, { verdict: verdict([call.request.output]) }),
});
server.bindAsync(`127.0.0.1:${values.port}`, ServerCredentials.createInsecure(), (error) => {
  if (error) throw error;
  console.log(`gRPC listening on 127.0.0.1:${values.port}`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
