#!/usr/bin/env node
// npm test: type-check, lint, unit, end-to-end (real PostgreSQL), browser (Chromium).
// Each step runs once, in order; the first failure stops the run with its exit code.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
mkdirSync(join(root, '.cache'), { recursive: true });
const jest = (project, ...extra) => ['jest', '--selectProjects', project, '--json', `--outputFile=.cache/jest-${project}.json`, ...extra];
const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit tests', 'npx', jest('unit')],
  // One PostgreSQL serves every file; running files one at a time suits the 2-core machines.
  ['end-to-end tests', 'npx', jest('e2e', '--runInBand')],
  ['browser tests', 'npx', jest('browser', '--runInBand')],
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
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const project of ['unit', 'e2e', 'browser']) {
  const report = JSON.parse(readFileSync(join(root, '.cache', `jest-${project}.json`), 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
