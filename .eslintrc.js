require('@rushstack/eslint-config/patch/modern-module-resolution');
module.exports = {
  extends: ['@microsoft/eslint-config-spfx/lib/profiles/react'],
  parserOptions: { tsconfigRootDir: __dirname },
  ignorePatterns: ['src/verifier/**', '**/*.test.ts', '**/*.test.tsx'],
  overrides: [
    {
      files: ['src/core/**/*.ts'],
      rules: {
        // src/core is pure: nothing from SPFx, React, PnPjs, Node or the other layers.
        'no-restricted-imports': [
          'error',
          {
            patterns: ['@microsoft/*', '@pnp/*', '@fluentui/*', 'react', 'react-dom', 'node:*', 'fs', 'http', 'crypto', '../data/*', '../components/*', '../webparts/*', '../verifier/*']
          }
        ]
      }
    }
  ]
};
