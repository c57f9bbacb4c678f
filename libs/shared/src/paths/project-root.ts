import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding the project's package.json, found from this file's location so that
 * the same code works from `libs/` (tests) and from `dist/` (built), whatever the cwd.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (package.json beside templates/)');
    dir = parent;
  }
  cached = dir;
  return dir;
}

export function fromProjectRoot(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
