import { anonymizeDefinition, sensitiveDefinition } from './anonymize.scanner.js';
import { banSubstringsDefinition } from './ban-substrings.scanner.js';
import { codeDefinition } from './code.scanner.js';
import { deanonymizeDefinition } from './deanonymize.scanner.js';
import { invisibleTextDefinition } from './invisible-text.scanner.js';
import { languageDefinition } from './language.scanner.js';
import { maliciousUrlsDefinition } from './malicious-urls.scanner.js';
import { noRefusalDefinition } from './no-refusal.scanner.js';
import { regexDefinition } from './regex.scanner.js';
import type { ScannerDefinition } from './scanner.types.js';
import { secretsDefinition } from './secrets.scanner.js';
import { tokenLimitDefinition } from './token-limit.scanner.js';

/** Rule scanners by name. Each definition lists the directions it can run on. */
export const RULE_SCANNERS: Record<string, ScannerDefinition<any>> = Object.freeze({
  secrets: secretsDefinition,
  anonymize: anonymizeDefinition,
  sensitive: sensitiveDefinition,
  deanonymize: deanonymizeDefinition,
  ban_substrings: banSubstringsDefinition,
  regex: regexDefinition,
  invisible_text: invisibleTextDefinition,
  token_limit: tokenLimitDefinition,
  code: codeDefinition,
  language: languageDefinition,
  malicious_urls: maliciousUrlsDefinition,
  no_refusal: noRefusalDefinition,
});
