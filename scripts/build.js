#!/usr/bin/env node
// Compiles apps/, libs/, migrations/ and bench/ to dist/ with swc (~1 s). Type-checking is
// a separate step (npm run typecheck), run by npm test.
const { rmSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [require.resolve('@swc/cli/bin/swc.js'), 'apps', 'libs', 'migrations', 'bench', '-d', 'dist', '--quiet', '--ignore', '**/*.spec.ts', '--ignore', '**/*.d.ts'],
  { cwd: root, stdio: 'inherit' },
);
