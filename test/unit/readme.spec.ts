import { readFileSync } from 'node:fs';
import { configurationVariableNames, fromProjectRoot, loadConfig } from '@fa/shared';

describe('README', () => {
  const readme = readFileSync(fromProjectRoot('README.md'), 'utf8');
  const table = new Map(
    [...readme.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map(([, name, defaultValue]) => [name, defaultValue.trim()]),
  );

  it('documents every configuration variable in its table', () => {
    const missing = configurationVariableNames().filter((name) => !table.has(name));
    expect(missing).toEqual([]);
  });

  it('gives each variable the default the code applies', () => {
    const defaults = loadConfig({}) as unknown as Record<string, unknown>;
    for (const name of configurationVariableNames()) {
      const documented = table.get(name)!;
      const actual = defaults[name];
      if (actual === undefined || name === 'PUBLIC_URL') expect(documented).toMatch(/—|PORT/);
      else expect(documented).toBe(`\`${String(actual)}\``);
    }
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
