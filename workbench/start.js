'use strict';
// `npm start` launcher: runs workbench/start.ts through tsx (TypeScript without a build step).
require('tsx/cjs');
require('./start.ts');
