/**
 * @jest-config-loader ts-node
 * @jest-config-loader-options {"transpileOnly": true}
 */
// One Jest config for the whole monorepo: `unit` runs the *.spec.ts files beside the code,
// `integration` runs *.int.spec.ts against real PostgreSQL and Redis (see scripts/services.sh).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  moduleNameMapper: { '^@magpie/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.spec\\.ts$'] },
    { ...common, displayName: 'integration', testMatch: ['**/*.int.spec.ts'], slowTestThreshold: 30 },
  ],
};
