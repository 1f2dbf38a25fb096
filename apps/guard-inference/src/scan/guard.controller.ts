import { status as GrpcStatus } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { GrpcMethod, GrpcStreamMethod, RpcException } from '@nestjs/microservices';
import { isCacheableVerdict, outputEntry, promptEntry, VerdictCache } from '@ollama-guard/cache';
import type {
  ListPoliciesResponse,
  ScanOutputRequest,
  ScanOutputResponse,
  ScanOutputStreamRequest,
  ScanOutputStreamResponse,
  ScanPromptRequest,
  ScanPromptResponse,
  Verdict,
} from '@ollama-guard/contracts';
import { toWireVerdict, vaultFrom, type CompiledPolicy } from '@ollama-guard/policy';
import { Vault } from '@ollama-guard/scanners';
import { concatMap, Observable, type Observer } from 'rxjs';
import type { CachedResult } from '@ollama-guard/cache';
import type { Metadata } from '@grpc/grpc-js';
import { GuardMetrics } from '../observability/guard.metrics.js';
import { serveTraced, streamTraced } from '../observability/grpc.tracing.js';
import { PolicyRegistry, UnknownPolicyError } from './policy.registry.js';

/** A verdict as answered: marked when no scan ran for this call. */
function answered({ value, outcome }: CachedResult<Verdict>): Verdict {
  return outcome === 'miss' || outcome === 'off' ? value : { ...value, cached: true };
}

/** guard.v1.GuardService: the scans themselves are the policies'; this maps them to the wire. */
@Controller()
export class GuardController {
  constructor(
    private readonly policies: PolicyRegistry,
    private readonly cache: VerdictCache,
    private readonly metrics: GuardMetrics,
  ) {}

  @GrpcMethod('GuardService', 'ScanPrompt')
  scanPrompt(request: ScanPromptRequest, metadata?: Metadata): Promise<ScanPromptResponse> {
    return serveTraced(this.metrics, 'ScanPrompt', metadata, async () => {
      const policy = this.policy(request.policy);
      const texts = request.segments.map((s) => s.text);
      const scan = async () => {
        const vault = new Vault();
        const verdict = toWireVerdict(await policy.scan('input', texts, { vault }), vault);
        this.metrics.observeVerdict('input', verdict);
        return verdict;
      };
      // Keys are hashes of the text: not worth computing when nothing is cached.
      if (!this.cache.enabled) return { verdict: await scan() };
      const result = await this.cache.getOrCompute(promptEntry(policy.fingerprint, texts), scan, isCacheableVerdict, { lookup: !request.skipCacheLookup });
      return { verdict: answered(result) };
    });
  }

  @GrpcMethod('GuardService', 'ScanOutput')
  scanOutput(request: ScanOutputRequest, metadata?: Metadata): Promise<ScanOutputResponse> {
    return serveTraced(this.metrics, 'ScanOutput', metadata, async () => {
      const policy = this.policy(request.policy);
      const scan = async () => {
        const vault = vaultFrom(request.vault);
        const verdict = toWireVerdict(await policy.scan('output', [request.output], { vault, prompt: request.prompt }), vault);
        this.metrics.observeVerdict('output', verdict);
        return verdict;
      };
      if (!this.cache.enabled) return { verdict: await scan() };
      const id = outputEntry(policy.fingerprint, request.prompt, request.output, request.vault);
      const result = await this.cache.getOrCompute(id, scan, isCacheableVerdict, { lookup: !request.skipCacheLookup });
      return { verdict: answered(result) };
    });
  }

  @GrpcMethod('GuardService', 'ListPolicies')
  listPolicies(): ListPoliciesResponse {
    return { policies: this.policies.names().map((name) => ({ name, fingerprint: this.policies.get(name).fingerprint })) };
  }

  /**
   * One stream per streamed answer: the first message names the policy, the prompt and the
   * vault; each window that follows is scanned in order and answered with its sequence number.
   */
  @GrpcStreamMethod('GuardService', 'ScanOutputStream')
  scanOutputStream(requests: Observable<ScanOutputStreamRequest>, metadata?: Metadata): Observable<ScanOutputStreamResponse> {
    let policy: CompiledPolicy | undefined;
    let vault = new Vault();
    let prompt = '';
    return new Observable((subscriber: Observer<ScanOutputStreamResponse>) => {
      const call = streamTraced(this.metrics, 'ScanOutputStream', metadata);
      const subscription = requests
        .pipe(
          concatMap((message) =>
            call.run(async (): Promise<ScanOutputStreamResponse | undefined> => {
              if (message.open) {
                policy = this.policy(message.open.policy);
                vault = vaultFrom(message.open.vault);
                prompt = message.open.prompt;
                return undefined;
              }
              const window = message.window;
              if (!window) throw new RpcException({ code: GrpcStatus.INVALID_ARGUMENT, message: 'each message must carry `open` or `window`' });
              if (!policy) throw new RpcException({ code: GrpcStatus.FAILED_PRECONDITION, message: 'the first message must be `open`' });
              const verdict = toWireVerdict(await policy.scanWindow(window.text, window.overlap, { vault, prompt }), vault);
              this.metrics.observeVerdict('output', verdict);
              return { seq: window.seq, verdict };
            }),
          ),
        )
        .subscribe({
          next: (response) => response && subscriber.next(response),
          error: (error: unknown) => {
            const rpc = error instanceof RpcException ? error : this.asRpc(error);
            call.end(rpc);
            subscriber.error(rpc);
          },
          complete: () => {
            call.end();
            subscriber.complete();
          },
        });
      return () => {
        call.end();
        subscription.unsubscribe();
      };
    });
  }

  private policy(name: string): CompiledPolicy {
    try {
      return this.policies.get(name);
    } catch (error) {
      throw this.asRpc(error);
    }
  }

  private asRpc(error: unknown): RpcException {
    if (error instanceof UnknownPolicyError) return new RpcException({ code: GrpcStatus.NOT_FOUND, message: error.message });
    if (error instanceof RpcException) return error;
    return new RpcException({ code: GrpcStatus.INTERNAL, message: (error as Error)?.message ?? String(error) });
  }
}
