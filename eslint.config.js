// Lint rules, including the layering of PRODUCT.md as import boundaries: imports point down only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (...groups) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map(([group, message]) => ({ group, message })) },
  ],
});

const electron = [['electron', 'electron/*'], 'Only app/electron may import electron.'];
const upToApp = [['**/app/**'], 'main/ and shared/ must not import the hosts in app/.'];
const upToRenderer = [['**/renderer/**'], 'Only the browser bundle imports renderer/.'];
const engine = [
  ['**/main/**'],
  'The renderer and shared/ reach the engine only through the contract.',
];
const nodeOnly = [
  ['node:*', '@grpc/*', 'protobufjs', 'protobufjs/*', '@bufbuild/*', 'ws'],
  'This layer runs without Node and never sees protobuf objects.',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', '*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // CommonJS preloads for tools we run (node --require): require() is how they load.
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**'],
    rules: restrict(electron, upToApp, upToRenderer, engine, nodeOnly, [
      ['react', 'zustand'],
      'shared/ has no UI.',
    ]),
  },
  { files: ['main/**'], rules: restrict(electron, upToApp, upToRenderer) },
  { files: ['renderer/**'], rules: restrict(electron, upToApp, engine, nodeOnly) },
  { files: ['app/cli/**', 'app/web/**'], rules: restrict(electron, upToRenderer) },
  { files: ['test/**', 'bench/**', 'e2e/**'], rules: restrict(electron) },
);
