/** `npm test`: every spec, run in band (suites share one Redis and one PostgreSQL server). */
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
  // Embedded PGlite loads each suite's database from a dump in-process: give hooks more room on a busy machine.
  testTimeout: process.env.TEST_DATABASE_URL ? 30000 : 60000,
  maxWorkers: 1,
};
