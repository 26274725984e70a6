/**
 * Gas per on-chain operation, from the contract test suite run with Hardhat's gas statistics
 * (`hardhat test mocha --gas-stats-json`): the median gas of each state-changing function the
 * tests call with real proofs and signatures. Enrollment stands beside its floor, measured
 * from its parts: Groth16 verification on the BN254 precompiles (181,150 + 6,150 per public
 * signal, EIP-1108), the transaction's 21,000 and the nullifier's fresh storage slot (22,100).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { root } from "./contracts.ts";

interface GasStats {
  contracts: Record<string, { functions: Record<string, { median: number; count: number }> | null }>;
}

/** The operations reported, as contract and function. */
const OPERATIONS: [string, string, string][] = [
  ["enroll (eligibility proof, 5 public signals)", "EligibilityEnrollment", "enroll"],
  ["withdraw (ownership proof)", "EligibilityEnrollment", "withdraw"],
  ["consent grant (EIP-712, relayed)", "ConsentRegistry", "grantConsent"],
  ["consent revoke (EIP-712, relayed)", "ConsentRegistry", "revokeConsent"],
  ["break-glass record", "ConsentRegistry", "recordEmergencyAccess"],
  ["study proposal", "StudyRegistry", "propose"],
  ["study vote (EIP-712, relayed)", "StudyRegistry", "vote"],
  ["release manifest", "ReleaseRegistry", "recordRelease"],
  ["release vote (EIP-712, relayed)", "ReleaseRegistry", "vote"],
  ["anchor (one Merkle root)", "AnchorRegistry", "anchor"],
  ["role grant", "RoleRegistry", "grantRole"],
  ["insurance policy (rules for 1 to 3 codes)", "ClaimsRegistry", "publishPolicy"],
  ["coverage registration", "ClaimsRegistry", "registerCoverage"],
  ["claim adjudicated on submission (1 to 2 items, up to 2 cited versions with proofs)", "ClaimsRegistry", "submitClaim"],
  ["claim decided by the insurer after review", "ClaimsRegistry", "decideClaim"],
];

export const ENROLL_PUBLIC_SIGNALS = 5;
export const ENROLL_FLOOR = 181_150 + 6_150 * ENROLL_PUBLIC_SIGNALS + 21_000 + 22_100;

export async function benchGas(log: (message: string) => void): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), "medledger-gas-"));
  const file = path.join(dir, "gas.json");
  try {
    log("gas: running the contract tests with gas statistics");
    const run = spawnSync(
      process.execPath,
      [path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js"), "test", "mocha", "--gas-stats-json", file],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "" },
      },
    );
    if (run.status !== 0) throw new Error(`the contract tests failed:\n${run.stdout}\n${run.stderr}`);
    const stats = JSON.parse(readFileSync(file, "utf8")) as GasStats;
    const find = (contract: string, fn: string): { median: number; count: number } | undefined =>
      Object.entries(stats.contracts).find(([name]) => name.endsWith(`:${contract}`))?.[1].functions?.[fn];
    const operations = OPERATIONS.flatMap(([name, contract, fn]) => {
      const found = find(contract, fn);
      if (!found) {
        log(`gas: no call of ${contract}.${fn} in the contract tests`);
        return [];
      }
      return [{ name, contract, function: fn, gas: found.median, calls: found.count }];
    });
    for (const op of operations) log(`gas: ${op.name}: ${op.gas}`);
    return { source: "hardhat test mocha --gas-stats-json (median per function)", enrollFloor: ENROLL_FLOOR, operations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
