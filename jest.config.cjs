/**
 * Jest projects: api (unit + integration tests beside the code), circuits (real witnesses and
 * proofs), e2e (the whole stack as `npm start` runs it). Contract tests run in `hardhat test`.
 * TypeScript is compiled by SWC, which keeps decorator metadata for type-graphql and TypeORM.
 */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
    module: { type: "commonjs" },
  },
];

// ESM-only dependencies (jose) are compiled to CommonJS too; the rest of node_modules is not touched.
const swcJs = ["@swc/jest", { jsc: { parser: { syntax: "ecmascript" }, target: "es2022" }, module: { type: "commonjs" } }];

const common = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": swc, "^.+\\.m?js$": swcJs },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  moduleFileExtensions: ["ts", "js", "json", "cjs", "mjs"],
};

module.exports = {
  // Integration tests sign in, import bundles and wait for transactions: generous, not hiding hangs.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: "api",
      roots: ["<rootDir>/api/src"],
      testMatch: ["**/*.test.ts"],
      globalSetup: "<rootDir>/test/support/hardhat-chain.setup.ts",
      globalTeardown: "<rootDir>/test/support/hardhat-chain.teardown.ts",
    },
    { ...common, displayName: "circuits", roots: ["<rootDir>/circuits/test"], testMatch: ["**/*.test.ts"] },
    { ...common, displayName: "e2e", roots: ["<rootDir>/test"], testMatch: ["**/*.test.ts"] },
  ],
};
