/**
 * Raised when a model directory cannot be used. The message always starts with the offending file
 * so an operator who mounted a broken directory sees at once which file to fix.
 */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';

  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}
