// Lint rules, including the layering of DESIGN.md: each folder of src may import only the
// folders its row of the layout table names. The message says which layers are allowed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['api', 'apiserver', 'kube', 'git', 'bundle', 'targeting', 'controller', 'agent', 'cli'];
const allowed = {
  api: [],
  apiserver: ['api'],
  kube: ['api'],
  git: ['api'],
  bundle: ['api'],
  targeting: ['api'],
  controller: ['api', 'kube', 'git', 'bundle', 'targeting'],
  agent: ['api', 'kube', 'bundle'],
};

const layerRules = Object.entries(allowed).map(([layer, ok]) => {
  const forbidden = layers.filter((l) => l !== layer && !ok.includes(l));
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `src/${layer} may import only: ${ok.length ? ok.join(', ') : 'nothing of ours'} (DESIGN.md, Layout).`,
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      complexity: ['warn', 15],
      'max-depth': ['warn', 4],
      'max-params': ['warn', 5],
    },
  },
  {
    // Tests read arbitrary JSON answers; `any` there keeps assertions short.
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...layerRules,
);
