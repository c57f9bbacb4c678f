// Lint: TypeScript recommended rules, plus the layout rule that libraries are imported
// through their index only (`@fa/<lib>`, never `@fa/<lib>/...` or a relative path into libs/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@fa/*/*'], message: "Import a library through its index: '@fa/<lib>'." },
            { group: ['**/libs/*/src/*', '../../libs/**', '../libs/**'], message: "Import a library as '@fa/<lib>', not by path." },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
