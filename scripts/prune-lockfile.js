#!/usr/bin/env node
// The npm registry reachable from our machines answers 404 for some other platforms' optional
// binaries (@swc/core-darwin-arm64, @unrs/resolver-binding-win32-x64-msvc…). `npm install` then
// writes a lockfile that names them as optional dependencies without entries for them, and
// `npm ci` refuses that lockfile as out of sync. This removes those dangling optional names, so
// `npm ci` works here and anywhere else (on another platform npm resolves its own binary from
// the package's own optionalDependencies). Run it after every `npm install`: `npm run lock:prune`.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const removed = [];

/** The entry npm would resolve `name` to from the package at `path` (walking up node_modules). */
function resolves(path, name) {
  let base = path;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

for (const [path, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) {
      delete entry.optionalDependencies[name];
      removed.push(`${path || '(root)'} → ${name}`);
    }
  }
  if (entry.optionalDependencies && Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}

writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(removed.length ? `Pruned ${removed.length} dangling optional dependencies:\n  ${removed.join('\n  ')}` : 'Lockfile has no dangling optional dependencies.');
