/** `npm test`: every spec, one suite at a time (suites share one Redis and one PostgreSQL server). */
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.jsc.paths;
delete swcrc.jsc.baseUrl;
delete swcrc.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // Some dependencies ship only ES modules; Jest on Node 20 cannot require() them, so SWC turns them into CommonJS.
    '^.+\\.m?js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|@fastify/static|uuid|otplib|@otplib|drizzle-orm|@electric-sql)/)'],
  moduleNameMapper: {
    '^@shipcrowd/([a-z-]+)/contracts$': '<rootDir>/libs/$1/contracts/index.ts',
    '^@shipcrowd/platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
    '^@shipcrowd/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/env.js'],
  // One suite at a time builds ~130 apps on 2 shared cores: a suite's app can take over 30 s to start when other
  // jobs load the machine (seen on the PostgreSQL server too), so hooks get 60 s on both databases.
  testTimeout: 60000,
  // A suite whose set-up timed out can finish building its app after Jest gave up on it, and nobody closes that
  // app's connections: without this the run reports its result and then never exits (seen in CI).
  forceExit: true,
  // One test process at a time (suites share one Redis and one PostgreSQL server), but in a child process that is
  // replaced once its heap passes the limit after a suite: in one long-lived process every suite's module registry
  // piled up (~70 MB a suite) until garbage collection stalled the event loop for over 30 s near the 4 GB heap
  // limit, and a suite's Redis ping timed out (seen in CI).
  maxWorkers: 1,
  workerIdleMemoryLimit: '1200MB',
};
