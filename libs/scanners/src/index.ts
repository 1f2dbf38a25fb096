export type { Finding, ScanContext, ScanDirection, Scanner, ScannerDefinition, ScanResult } from './scanner.types.js';
export { ScannerConfigError } from './scanner.errors.js';
export { Vault } from './vault.js';
export { normalizeForMatching, normalizePattern, type NormalizedText, type NormalizeOptions } from './text.normalizer.js';
export { RULE_SCANNERS } from './scanner.registry.js';
export { detectLanguage, loadLanguageDetector } from './language.detector.js';

export { secretsDefinition, type SecretsOptions } from './secrets.scanner.js';
export { anonymizeDefinition, sensitiveDefinition, type AnonymizeOptions, type SensitiveOptions } from './anonymize.scanner.js';
export { deanonymizeDefinition } from './deanonymize.scanner.js';
export { banSubstringsDefinition, type BanSubstringsOptions } from './ban-substrings.scanner.js';
export { regexDefinition, type RegexOptions } from './regex.scanner.js';
export { invisibleTextDefinition } from './invisible-text.scanner.js';
export { tokenLimitDefinition, type TokenLimitOptions } from './token-limit.scanner.js';
export { codeDefinition, type CodeOptions } from './code.scanner.js';
export { languageDefinition, type LanguageOptions } from './language.scanner.js';
export { maliciousUrlsDefinition, type MaliciousUrlsOptions } from './malicious-urls.scanner.js';
export { noRefusalDefinition, type NoRefusalOptions } from './no-refusal.scanner.js';
export { approximateTokens } from './token.counter.js';
