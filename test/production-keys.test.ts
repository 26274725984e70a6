/**
 * Production keys, tried the way an operator meets them: `npm run deploy` against a chain that
 * is not the local development chain refuses the committed development verifiers (anyone can
 * forge proofs for them), and `npm run ceremony` makes keys that are really different: a real
 * phase 2 with two contributions and a beacon, verified, whose proofs the development keys reject.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import * as snarkjs from "snarkjs";

import { loadCircuitCatalog, refuseDevelopmentKeys } from "../api/src/zk/circuit-catalog";
import { provingKey } from "../api/src/zk/circuit-artifacts";
import { releaseProver } from "../api/src/zk/eligibility-prover";
import { DEMO, demoWallet } from "../api/src/testing/test-environment";
import { deployTo, runScript, startAnvil, type Proc } from "./support/fault-stack";
import { freePort, ROOT } from "./support/stack";

jest.setTimeout(600_000);

const require = createRequire(__filename);
const snarkjsCli = path.join(path.dirname(require.resolve("snarkjs")), "cli.cjs");

function snarkjsCommand(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [snarkjsCli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => (code === 0 && !output.includes("[ERROR]") ? resolve() : reject(new Error(output))));
  });
}

async function ceremony(...args: string[]): Promise<string> {
  const run = runScript("ceremony.ts", args);
  const code = await run.exited;
  if (code !== 0) throw new Error(`npm run ceremony -- ${args.join(" ")} exited with ${code}:\n${run.output()}`);
  return run.output();
}

describe("production keys", () => {
  let chain: (Proc & { url: string }) | undefined;
  afterAll(async () => {
    await chain?.stop("SIGKILL");
    await releaseProver();
  });

  it("refuses to deploy the development verifiers to any chain but the local development chain", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "medledger-keys-"));
    chain = await startAnvil(await freePort(), path.join(dir, "state.json"), 1337);
    const refused = deployTo(chain.url, path.join(dir, "deployments.json"), { DEPLOYER_PRIVATE_KEY: demoWallet(DEMO.admin).privateKey });
    await expect(refused).rejects.toThrow(/Refusing to deploy to chain 1337: the verifiers of .*development setup.* forged proofs/s);
    // Nothing was deployed.
    const code = await fetch(chain.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    }).then((r) => r.json() as Promise<{ result: string }>);
    expect(Number(code.result)).toBe(0);
  });

  it("runs a ceremony (two contributions, a beacon, verification) whose keys the API accepts anywhere and whose proofs development keys reject", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "medledger-ceremony-"));
    // A stand-in for the public powers of tau (2^9 is enough for nullifier-ownership's 241 constraints).
    const pot0 = path.join(dir, "pot9_0.ptau");
    const pot1 = path.join(dir, "pot9_1.ptau");
    const ptau = path.join(dir, "pot9_final.ptau");
    await snarkjsCommand("powersoftau", "new", "bn128", "9", pot0);
    await snarkjsCommand("powersoftau", "contribute", pot0, pot1, "--name=test", "-e=test entropy");
    await snarkjsCommand("powersoftau", "prepare", "phase2", pot1, ptau);

    const work = path.join(dir, "ceremony");
    const artifacts = path.join(dir, "artifacts");
    const verifiers = path.join(dir, "generated");
    const base = ["--circuit", "nullifier-ownership", "--dir", work];
    await ceremony("start", ...base, "--ptau", ptau);
    await expect(ceremony("finalize", ...base, "--beacon", "ab".repeat(32))).rejects.toThrow(/No contribution yet/);
    await ceremony("contribute", ...base, "--name", "St. Mary's Hospital");
    await ceremony("contribute", ...base, "--name", "Patients' advocate");
    const finalized = await ceremony(
      "finalize",
      ...base,
      "--beacon",
      "ab".repeat(32),
      "--iterations",
      "10",
      "--artifacts",
      artifacts,
      "--verifiers",
      verifiers,
    );
    expect(finalized).toMatch(/installed into/);

    const manifest = JSON.parse(readFileSync(path.join(artifacts, "manifest.json"), "utf8")) as {
      circuits: { name: string; setup: { kind: string; contributions: { name: string; hash: string }[]; beacon: string } }[];
    };
    expect(manifest.circuits).toHaveLength(1);
    expect(manifest.circuits[0].setup).toMatchObject({ kind: "ceremony", beacon: "ab".repeat(32) });
    expect(manifest.circuits[0].setup.contributions.map((c) => c.name)).toEqual(["St. Mary's Hospital", "Patients' advocate"]);
    for (const c of manifest.circuits[0].setup.contributions) expect(c.hash).toMatch(/^[0-9a-f]{128}$/);

    const catalog = loadCircuitCatalog(artifacts);
    expect(catalog.map((c) => c.setup)).toEqual(["ceremony"]);
    expect(() => refuseDevelopmentKeys(catalog, "1")).not.toThrow();

    // A proof under the ceremony's keys verifies with them and not with the development key, and back.
    const input = { secret: 12345n, scope: 777n, action: 1n };
    const keys = (root: string) => ({
      wasm: path.join(root, "nullifier-ownership", "nullifier-ownership.wasm"),
      zkey: provingKey(root, "nullifier-ownership"),
      vkey: JSON.parse(
        readFileSync(path.join(root, "nullifier-ownership", "nullifier-ownership.vkey.json"), "utf8"),
      ) as snarkjs.VerificationKey,
    });
    const ceremonyKeys = keys(artifacts);
    const devKeys = keys(path.join(ROOT, "circuits", "artifacts"));
    const proof = await snarkjs.groth16.fullProve(input, ceremonyKeys.wasm, ceremonyKeys.zkey);
    expect(await snarkjs.groth16.verify(ceremonyKeys.vkey, proof.publicSignals, proof.proof)).toBe(true);
    expect(await snarkjs.groth16.verify(devKeys.vkey, proof.publicSignals, proof.proof)).toBe(false);
    const devProof = await snarkjs.groth16.fullProve(input, devKeys.wasm, devKeys.zkey);
    expect(await snarkjs.groth16.verify(ceremonyKeys.vkey, devProof.publicSignals, devProof.proof)).toBe(false);
    expect(readFileSync(path.join(verifiers, "NullifierOwnershipVerifier.sol"), "utf8")).toContain("contract NullifierOwnershipVerifier");
  });
});
