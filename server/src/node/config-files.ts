import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { ConfigError, emptyConfig, MAX_CONFIG_BYTES, parseConfig, type MarginaliaConfig } from '../core/config.js';

export const CONFIG_NAMES = ['.marginalia.yaml', '.marginalia.yml', '.marginalia.json'] as const;

/** The nearest configuration file from `startDir` upwards, stopping at `stopAt` when given. */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = resolve(startDir);
  const stop = stopAt ? resolve(stopAt) : undefined;
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir || dir === stop) return undefined;
    dir = parent;
  }
}

/**
 * Reads and validates a configuration file; knowledge paths come back absolute.
 * Throws ConfigError naming file, line and key, or an Error naming the unreadable file.
 */
export function loadConfigFile(path: string): MarginaliaConfig {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_BYTES) throw new ConfigError([{ path, line: 1, column: 1, key: '(file)', message: `the configuration is ${size.toLocaleString('en-US')} bytes; at most ${MAX_CONFIG_BYTES.toLocaleString('en-US')} are read` }]);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new Error(`cannot read configuration ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { config, problems } = parseConfig(text, path);
  if (problems.length > 0) throw new ConfigError(problems);
  const base = dirname(path);
  config.knowledge = config.knowledge.map((p) => resolve(base, p));
  const outside = config.knowledge.find((p) => !insideFolder(p, base));
  if (outside) throw new ConfigError([{ path, line: 1, column: 1, key: 'knowledge', message: `${JSON.stringify(outside)} leads outside this configuration's folder through a symbolic link` }]);
  return config;
}

/** The configuration that applies to a file: the nearest file's, or none. */
export function configFor(filePath: string, stopAt?: string): { config: MarginaliaConfig; path?: string } {
  const path = findConfigFile(dirname(resolve(filePath)), stopAt);
  return path ? { config: loadConfigFile(path), path } : { config: emptyConfig() };
}

/**
 * Whether `path`, symbolic links followed, lies inside `folder` (also followed). A path that
 * does not exist yet is judged as written: reading it will fail and say so.
 */
export function insideFolder(path: string, folder: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const rel = relative(real(folder), real(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
