require('@rushstack/eslint-config/patch/modern-module-resolution');
module.exports = {
  extends: ['@microsoft/eslint-config-spfx/lib/profiles/react'],
  parserOptions: { tsconfigRootDir: __dirname },
  ignorePatterns: ['lib/**', 'temp/**', 'dist/**', 'node_modules/**', 'tests/**', '**/*.test.ts', '**/*.test.tsx', '*.js', 'scripts/**', 'preview/**'],
  rules: {
    // Views are function components with explicit return types; this matches the SPFx profile's intent.
    '@typescript-eslint/explicit-function-return-type': ['warn', { allowExpressions: true }],
  },
};
