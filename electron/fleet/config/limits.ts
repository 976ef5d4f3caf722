/**
 * How much host configuration Warroom reads. Every file is read whole at start (`warroom web` reads
 * all of them), so without a bound a mistyped range or a generated file can take minutes and
 * gigabytes; past these limits reading stops with an error that names the file and the limit.
 */
import fs from 'node:fs';
import { ConfigError } from './errors';

/** Hosts in one expression, one inventory, one group and the whole catalog. pdsh refuses huge ranges too. */
export const MAX_HOSTS = 65536;

/** Bytes in one ssh config, inventory or groups file (a 65,536-host ssh config is about 4 MiB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Reads a config file as text, refusing one larger than MAX_FILE_BYTES before reading it. */
export function readBoundedText(file: string, what: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) throw tooBig(file, what, size);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export function tooBig(file: string, what: string, size: number): ConfigError {
  return new ConfigError(file, 0, `${what} is ${(size / 1048576).toFixed(1)} MiB; Warroom reads at most ${MAX_FILE_BYTES / 1048576} MiB per file`);
}
