// Three projects: unit tests beside the code; end-to-end tests against a real throwaway
// PostgreSQL (started once by the global setup, with the real migrations); browser tests
// driving the real portal in Chromium. npm test runs them in that order (scripts/test.js).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/**
 * Packages installed as ES modules only (Nest 12, pg-boss, parts of Fastify…). Jest's loader
 * cannot require them on Node 20, so they go through the same swc transform as our code.
 * Found by reading node_modules rather than listed by hand, so an upgrade cannot break tests.
 */
function esmOnlyPackages() {
  const { existsSync, readdirSync, readFileSync } = require('node:fs');
  const { join } = require('node:path');
  const root = join(__dirname, 'node_modules');
  const names = [];
  for (const entry of readdirSync(root)) {
    if (entry.startsWith('.')) continue;
    const scoped = entry.startsWith('@') ? readdirSync(join(root, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of scoped) {
      const manifest = join(root, name, 'package.json');
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).type === 'module') names.push(name);
    }
  }
  return names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // @fastify/cookie is CommonJS but loads `cookie` with import(), which Jest's loader only
  // allows under --experimental-vm-modules; swc turns that import() into require().
  transformIgnorePatterns: [`/node_modules/(?!(${[...esmOnlyPackages(), '@fastify/cookie'].join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@fa/migrations$': '<rootDir>/migrations/index.ts',
    // file-type's exports offer only import conditions, which Jest's CommonJS resolver does not try.
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
    '^@fa/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  cacheDirectory: '<rootDir>/.cache/jest',
  // A global option (projects cannot set it): end-to-end tests start processes and databases.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
