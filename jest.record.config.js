// `npm run record:histories`: records the replay fixtures (test/workflows/replay/histories/) against a
// real dev server, with the same global setup as the tests.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ['**/*.recording.ts'], testTimeout: 120_000 };
