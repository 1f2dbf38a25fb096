// The built-in scanner set every policy starts from. Chosen so that `npm start` with no
// configuration guards sensibly: attacks and toxic text are blocked, secrets and personal
// data are redacted (and restored in answers), list-driven scanners wait for their lists.
// Order matters: rule scanners run in this order (each sees the text the previous one
// sanitized), then the ML scanners.
import type { Action, Direction } from './policy.types.js';

export interface DefaultScanner {
  name: string;
  enabled: boolean;
  action: Action;
  /** Omitted: the scanner's or model's own threshold (0.5 for rule scanners). */
  threshold?: number;
  options?: Record<string, unknown>;
}

export const DEFAULT_SCANNERS: Record<Direction, readonly DefaultScanner[]> = {
  input: [
    { name: 'invisible_text', enabled: true, action: 'block' },
    { name: 'secrets', enabled: true, action: 'redact' },
    { name: 'anonymize', enabled: true, action: 'redact' },
    { name: 'ban_substrings', enabled: false, action: 'block' },
    { name: 'regex', enabled: false, action: 'block' },
    { name: 'token_limit', enabled: true, action: 'block', options: { limit: 16_384 } },
    { name: 'code', enabled: false, action: 'block' },
    { name: 'language', enabled: false, action: 'block' },
    { name: 'prompt_injection', enabled: true, action: 'block' },
    { name: 'toxicity', enabled: true, action: 'block' },
    { name: 'harmful_request', enabled: true, action: 'block' },
  ],
  output: [
    { name: 'secrets', enabled: true, action: 'redact' },
    { name: 'sensitive', enabled: true, action: 'redact' },
    { name: 'ban_substrings', enabled: false, action: 'block' },
    { name: 'regex', enabled: false, action: 'block' },
    { name: 'malicious_urls', enabled: true, action: 'block' },
    { name: 'no_refusal', enabled: false, action: 'monitor' },
    { name: 'code', enabled: false, action: 'block' },
    // Last among the rule scanners: the user's own data comes back only after the leak
    // scanners ran, so they do not redact it a second time.
    { name: 'deanonymize', enabled: true, action: 'redact' },
    { name: 'toxicity', enabled: true, action: 'block' },
  ],
};

export const RULE_THRESHOLD = 0.5;
