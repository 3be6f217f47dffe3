'use strict';
const path = require('path');
// One jest (29) for every suite; the SPFx rig's own jest 25 is never used.
const common = {
  preset: 'ts-jest/presets/js-with-ts',
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', isolatedModules: true }]
  },
  // @pnp/* v4 ships ESM only.
  transformIgnorePatterns: ['/node_modules/(?!@pnp/)'],
  moduleNameMapper: {
    '\\.(css|scss)$': 'identity-obj-proxy',
    '^ApiKeyManagementStrings$': '<rootDir>/src/components/loc/en-us.js',
    '^ApiKeyManagementWebPartStrings$': '<rootDir>/src/webparts/apiKeyManagement/loc/en-us.js'
  },
  // The SPFx rig hoists jest-environment-node 25 (no globalThis.crypto); use jest 29's own.
  testEnvironment: require.resolve('jest-environment-node', { paths: [path.dirname(require.resolve('jest/package.json'))] })
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, setupFilesAfterEnv: ['<rootDir>/tests/setup/testingLibrary.ts'], testMatch: ['<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/workbench/**/*.test.ts?(x)'] },
    { ...common, displayName: 'contract', rootDir: __dirname, testMatch: ['<rootDir>/tests/contract/**/*.test.ts'] },
    { ...common, displayName: 'package', rootDir: __dirname, testMatch: ['<rootDir>/tests/package/**/*.test.ts'] },
    { ...common, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] }
  ]
};
