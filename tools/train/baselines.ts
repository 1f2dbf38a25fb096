import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import guardrail from 'llm_guardrail';

/** A baseline detector: text -> flagged. */
export interface Baseline {
  name: string;
  detect(texts: string[]): Promise<boolean[]>;
}

/** llm_guardrail's TF-IDF + logistic regression models; a prompt counts as flagged if any of the named checks fires. */
export function llmGuardrail(checks: Array<'injection' | 'jailbreak' | 'malicious'>): Baseline {
  const fns = { injection: guardrail.checkInjection, jailbreak: guardrail.checkJailbreak, malicious: guardrail.checkMalicious };
  return {
    name: `llm_guardrail (${checks.join(' or ')})`,
    async detect(texts) {
      const out: boolean[] = [];
      for (const t of texts) {
        const results = await Promise.all(checks.map((c) => fns[c](t)));
        out.push(results.some((r) => r.detected));
      }
      return out;
    },
  };
}

/** obscenity's English word list with its recommended transformers (leetspeak, confusables...). */
export function obscenityWordList(): Baseline {
  const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return {
    name: 'obscenity (englishDataset word list)',
    async detect(texts) {
      return texts.map((t) => matcher.hasMatch(t));
    },
  };
}
