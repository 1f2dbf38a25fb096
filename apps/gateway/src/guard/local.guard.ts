import { Injectable } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@ollama-guard/config';
import type { Segment, VaultEntry, Verdict } from '@ollama-guard/contracts';
import { buildPolicies, toWireVerdict, vaultFrom, type CompiledPolicy } from '@ollama-guard/policy';
import { loadLanguageDetector } from '@ollama-guard/scanners';

/**
 * Degraded mode: the configured policies with only their rule scanners, run inside the gateway
 * while guard-inference is unavailable, so secrets, personal data and banned content are still
 * stopped. Built at start-up, so a bad policy stops the gateway too, naming the key.
 */
@Injectable()
export class LocalGuard {
  private readonly policies: Map<string, CompiledPolicy>;

  constructor(@InjectConfig() config: AppConfig) {
    this.policies = buildPolicies(config.policies);
    // Block messages pick their language from the prompt: load the detector now, not on the first block.
    loadLanguageDetector();
  }

  has(policy: string): boolean {
    return this.policies.has(policy || 'default');
  }

  async scanPrompt(policy: string, segments: readonly Segment[]): Promise<Verdict> {
    const vault = vaultFrom([]);
    const verdict = await this.policy(policy).scan('input', segments.map((s) => s.text), { vault });
    return toWireVerdict(verdict, vault);
  }

  async scanOutput(policy: string, prompt: string, output: string, entries: readonly VaultEntry[]): Promise<Verdict> {
    const vault = vaultFrom(entries);
    const verdict = await this.policy(policy).scan('output', [output], { vault, prompt });
    return toWireVerdict(verdict, vault);
  }

  async scanWindow(policy: string, prompt: string, text: string, overlap: number, entries: readonly VaultEntry[]): Promise<Verdict> {
    const vault = vaultFrom(entries);
    const verdict = await this.policy(policy).scanWindow(text, overlap, { vault, prompt });
    return toWireVerdict(verdict, vault);
  }

  private policy(name: string): CompiledPolicy {
    return this.policies.get(name || 'default')!;
  }
}
