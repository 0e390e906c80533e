/** Tests run against a real PostgreSQL: see test/support/global-setup.ts. */
const fs = require("node:fs");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, "utf8"))] },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 120000,
  maxWorkers: 2,
};
