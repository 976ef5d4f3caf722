/**
 * Bad input in a file the user wrote. The message names the file and line, as OpenSSH's own errors do.
 * Line 0 means the file as a whole (it cannot be read), and the message then names only the file.
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, what: string) {
    super(line > 0 ? `${file}:${line}: ${what}` : `${file}: ${what}`);
    this.name = 'ConfigError';
    this.file = file;
    this.line = line;
  }
}

/** A host expression (range, target list) that cannot be expanded; there is no file to name. */
export class HostExprError extends Error {
  readonly expr: string;
  constructor(expr: string, what: string) {
    super(`bad host expression "${expr}": ${what}`);
    this.name = 'HostExprError';
    this.expr = expr;
  }
}
