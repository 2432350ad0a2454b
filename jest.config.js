/** Unit, component and HTTP tests. Browser tests run separately (tests/browser), driven by scripts/test.mjs. */
module.exports = {
  rootDir: __dirname,
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/browser/'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/support/globalSetup.js',
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  // PnPjs v4 ships only ES modules, as do strip-bom and node-fetch 3 (used by @microsoft/app-manifest).
  transformIgnorePatterns: ['/node_modules/(?!(@pnp|strip-bom|node-fetch|data-uri-to-buffer|fetch-blob|formdata-polyfill)/)'],
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/tests/support/styleStub.js',
  },
};
