import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TODAY } from '../helpers.js';
import { main, type CliIO } from '../../server/src/cli/main.js';

export const BIN = join(ROOT, 'bin', 'marginalia.cjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, in a given folder. */
export function cli(args: string[], cwd = ROOT, input?: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, ...(input !== undefined ? { input } : {}) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `main` in-process with a fixed clock; `io` adds or replaces what the CLI is given. */
export async function inProcess(args: string[], cwd = ROOT, io: Partial<CliIO> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, packageRoot: ROOT, today: TODAY, ...io });
  return { code, stdout, stderr };
}

/** A temporary folder holding these files. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export interface JsonFindingOut {
  ruleId: string;
  severity: string;
  message: string;
  text: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  baselineState?: string;
  fingerprint?: string;
  suggestions: unknown[];
}

export interface JsonOut {
  version: number;
  files: Array<{ path: string; referenceDate: string; referenceDateSource: string; findings: JsonFindingOut[]; entities: unknown[]; baselineFixed?: number }>;
}

export function json(run: Run): JsonOut {
  return JSON.parse(run.stdout) as JsonOut;
}
