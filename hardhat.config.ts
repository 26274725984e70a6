import { createRequire } from "node:module";

import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import hardhatEthersChaiMatchers from "@nomicfoundation/hardhat-ethers-chai-matchers";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);
// Compile offline with the npm `solc` (WebAssembly) build: Hardhat would otherwise download a
// compiler. The path must be absolute.
const solcVersion = (require("solc/package.json") as { version: string }).version;
const solcPath = require.resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatEthers, hardhatEthersChaiMatchers, hardhatMocha, hardhatNetworkHelpers],
  solidity: {
    version: solcVersion,
    path: solcPath,
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  },
  paths: {
    sources: "./contracts",
    tests: { mocha: "./contracts/test" },
  },
  networks: {
    localhost: { type: "http", url: process.env.RPC_URL ?? "http://127.0.0.1:8545" },
  },
});
