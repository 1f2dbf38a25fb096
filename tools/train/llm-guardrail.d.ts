// llm_guardrail ships no type declarations; this covers the part the evaluation uses.
declare module 'llm_guardrail' {
  interface CheckResult {
    allowed: boolean;
    detected: boolean;
    prediction: number;
    confidence: number;
    probabilities: { safe: number; threat: number };
  }
  const guardrail: {
    checkInjection(prompt: string): Promise<CheckResult>;
    checkJailbreak(prompt: string): Promise<CheckResult>;
    checkMalicious(prompt: string): Promise<CheckResult>;
  };
  export default guardrail;
}
