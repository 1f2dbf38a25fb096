import { status as GrpcStatus } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { GrpcMethod, GrpcStreamMethod, RpcException } from '@nestjs/microservices';
import type {
  ScanOutputRequest,
  ScanOutputResponse,
  ScanOutputStreamRequest,
  ScanOutputStreamResponse,
  ScanPromptRequest,
  ScanPromptResponse,
} from '@ollama-guard/contracts';
import { toWireVerdict, vaultFrom, type CompiledPolicy } from '@ollama-guard/policy';
import { Vault } from '@ollama-guard/scanners';
import { concatMap, Observable, type Observer } from 'rxjs';
import { PolicyRegistry, UnknownPolicyError } from './policy.registry.js';

/** guard.v1.GuardService: the scans themselves are the policies'; this maps them to the wire. */
@Controller()
export class GuardController {
  constructor(private readonly policies: PolicyRegistry) {}

  @GrpcMethod('GuardService', 'ScanPrompt')
  async scanPrompt(request: ScanPromptRequest): Promise<ScanPromptResponse> {
    const policy = this.policy(request.policy);
    const vault = new Vault();
    const verdict = await policy.scan(
      'input',
      request.segments.map((s) => s.text),
      { vault },
    );
    return { verdict: toWireVerdict(verdict, vault) };
  }

  @GrpcMethod('GuardService', 'ScanOutput')
  async scanOutput(request: ScanOutputRequest): Promise<ScanOutputResponse> {
    const policy = this.policy(request.policy);
    const vault = vaultFrom(request.vault);
    const verdict = await policy.scan('output', [request.output], { vault, prompt: request.prompt });
    return { verdict: toWireVerdict(verdict, vault) };
  }

  /**
   * One stream per streamed answer: the first message names the policy, the prompt and the
   * vault; each window that follows is scanned in order and answered with its sequence number.
   */
  @GrpcStreamMethod('GuardService', 'ScanOutputStream')
  scanOutputStream(requests: Observable<ScanOutputStreamRequest>): Observable<ScanOutputStreamResponse> {
    let policy: CompiledPolicy | undefined;
    let vault = new Vault();
    let prompt = '';
    return new Observable((subscriber: Observer<ScanOutputStreamResponse>) => {
      const subscription = requests
        .pipe(
          concatMap(async (message): Promise<ScanOutputStreamResponse | undefined> => {
            if (message.open) {
              policy = this.policy(message.open.policy);
              vault = vaultFrom(message.open.vault);
              prompt = message.open.prompt;
              return undefined;
            }
            const window = message.window;
            if (!window) throw new RpcException({ code: GrpcStatus.INVALID_ARGUMENT, message: 'each message must carry `open` or `window`' });
            if (!policy) throw new RpcException({ code: GrpcStatus.FAILED_PRECONDITION, message: 'the first message must be `open`' });
            const verdict = await policy.scanWindow(window.text, window.overlap, { vault, prompt });
            return { seq: window.seq, verdict: toWireVerdict(verdict, vault) };
          }),
        )
        .subscribe({
          next: (response) => response && subscriber.next(response),
          error: (error: unknown) => subscriber.error(error instanceof RpcException ? error : this.asRpc(error)),
          complete: () => subscriber.complete(),
        });
      return () => subscription.unsubscribe();
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
