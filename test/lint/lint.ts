/**
 * Lints a piece of code as if it lived at a path in this repository, with the repository's own
 * eslint.config.mjs, so a test can show what a rule refuses and what it lets through.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Problem {
  ruleId: string | null;
  message: string;
}

let eslint: ESLint | undefined;

/**
 * Fails unless every relative import in `code` names a real file: an import the linter cannot
 * resolve belongs to no layer, so it would pass the layer rules without proving anything.
 */
function assertLocalImportsExist(filePath: string, code: string): void {
  for (const [, spec] of code.matchAll(/['"](\.{1,2}\/[^'"]*)['"]/g)) {
    const base = path.resolve(repoRoot, path.dirname(filePath), spec!);
    const found = ['', '.ts', '.tsx', '/index.ts'].some((ext) => existsSync(base + ext) && (ext !== '' || path.extname(base) !== ''));
    if (!found) throw new Error(`${filePath}: ${spec} does not resolve to a file in the repository`);
  }
}

/** The problems ESLint reports for `code` at `filePath` (relative to the repository root). */
export async function lint(filePath: string, code: string): Promise<Problem[]> {
  assertLocalImportsExist(filePath, code);
  eslint ??= new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  // A file the config ignores would pass every test vacuously.
  if (result.messages.some((m) => m.message.includes('ignored'))) throw new Error(`${filePath} is ignored by eslint.config.mjs`);
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

/** Problems reported by one rule. */
export async function problems(rule: string, filePath: string, code: string): Promise<Problem[]> {
  return (await lint(filePath, code)).filter((p) => p.ruleId === rule);
}

/** Lints files on disk (globs relative to the repository root) as `npx eslint` would. */
export async function lintFiles(patterns: string[]): Promise<Array<{ file: string; problems: Problem[] }>> {
  eslint ??= new ESLint({ cwd: repoRoot });
  const results = await eslint.lintFiles(patterns);
  return results.map((r) => ({ file: path.relative(repoRoot, r.filePath), problems: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) }));
}
