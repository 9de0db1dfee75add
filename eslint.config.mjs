// Lint exists mainly to enforce the module boundaries of DESIGN.md ("which may import which").
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const tag = (from, to) => ({ sourceTag: `scope:${from}`, onlyDependOnLibsWithTags: to.map((t) => `scope:${t}`) });

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '.nx/**', 'bin/**', 'tools/check-cycles.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps are composition roots: they may use any lib, and nothing imports an app.
            tag('app', ['runtime', 'api', 'jobs', 'recommendation', 'search', 'ml', 'retrieval', 'data', 'queue', 'datasets', 'math', 'contracts', 'config']),
            tag('tools', ['runtime', 'api', 'jobs', 'recommendation', 'search', 'ml', 'retrieval', 'data', 'queue', 'datasets', 'math', 'contracts', 'config']),
            // runtime composes the gateway's services; api is the HTTP/GraphQL shell; jobs holds the job processors.
            tag('runtime', ['api', 'jobs', 'recommendation', 'search', 'ml', 'retrieval', 'data', 'queue', 'datasets', 'math', 'contracts', 'config']),
            tag('api', ['contracts', 'config']),
            tag('jobs', ['recommendation', 'search', 'ml', 'retrieval', 'data', 'queue', 'datasets', 'math', 'contracts', 'config']),
            tag('recommendation', ['ml', 'retrieval', 'data', 'math', 'contracts', 'config']),
            tag('search', ['ml', 'retrieval', 'data', 'math', 'contracts', 'config']),
            tag('retrieval', ['math', 'contracts']),
            tag('queue', ['contracts', 'config']),
            tag('datasets', ['math', 'contracts']),
            tag('ml', ['math']),
            tag('data', ['contracts', 'config']),
            tag('contracts', []),
            tag('config', []),
            tag('math', []),
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through @magpie/config loadConfig(env).' }],
    },
  },
  { files: ['libs/config/src/**/*.ts', '**/*.spec.ts', 'tools/**/*.ts', 'apps/cli/src/main.ts', 'apps/*/src/main.ts'], rules: { 'no-restricted-properties': 'off' } },
];
