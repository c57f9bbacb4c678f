#!/usr/bin/env node
// npm test: type-check, lint, unit, end-to-end (real PostgreSQL), browser (Chromium).
// Each step runs once, in order; the first failure stops the run with its exit code.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit tests', 'npx', ['jest', '--selectProjects', 'unit']],
  ['end-to-end tests', 'npx', ['jest', '--selectProjects', 'e2e', '--runInBand']],
  ['browser tests', 'npx', ['jest', '--selectProjects', 'browser', '--runInBand']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const stepStarted = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
