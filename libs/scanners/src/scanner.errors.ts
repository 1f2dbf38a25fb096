/** Bad scanner options. The message names the scanner and the option so a config error points at its YAML key. */
export class ScannerConfigError extends Error {
  constructor(
    message: string,
    readonly scanner?: string,
    readonly option?: string,
  ) {
    super(message);
    this.name = 'ScannerConfigError';
  }
}
