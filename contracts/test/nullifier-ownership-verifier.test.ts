import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import * as snarkjs from "snarkjs";

import { provingKey } from "../../api/src/zk/circuit-artifacts.ts";
import { deployFixture, networkHelpers } from "./fixtures.ts";

const ARTIFACTS = path.resolve(import.meta.dirname, "..", "..", "circuits", "artifacts", "nullifier-ownership");

type Calldata = [[bigint, bigint], [[bigint, bigint], [bigint, bigint]], [bigint, bigint], bigint[]];

async function realProof(): Promise<Calldata> {
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(
    { secret: 987654321n, scope: 1n, action: 2n },
    path.join(ARTIFACTS, "nullifier-ownership.wasm"),
    provingKey(path.dirname(ARTIFACTS), "nullifier-ownership"),
  );
  const raw = await snarkjs.groth16.exportSolidityCallData(proof, publicSignals);
  return JSON.parse(`[${raw}]`, (_key, value) => (typeof value === "string" ? BigInt(value) : value)) as Calldata;
}

describe("NullifierOwnershipVerifier (generated)", () => {
  let calldata: Calldata;

  before(async () => {
    calldata = await realProof();
    const vkey = JSON.parse(readFileSync(path.join(ARTIFACTS, "nullifier-ownership.vkey.json"), "utf8"));
    expect(vkey.nPublic).to.equal(calldata[3].length);
  });
  after(async () => {
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  });

  it("accepts a real proof", async () => {
    const { verifier } = await networkHelpers.loadFixture(deployFixture);
    expect(await verifier.verifyProof(...calldata)).to.equal(true);
  });

  it("rejects the proof with a changed public signal", async () => {
    const { verifier } = await networkHelpers.loadFixture(deployFixture);
    const [a, b, c, signals] = calldata;
    expect(await verifier.verifyProof(a, b, c, [signals[0] + 1n, signals[1], signals[2]])).to.equal(false);
  });

  it("rejects a tampered proof point", async () => {
    const { verifier } = await networkHelpers.loadFixture(deployFixture);
    const [a, b, c, signals] = calldata;
    expect(await verifier.verifyProof(a, b, [c[0], c[1] + 1n], signals)).to.equal(false);
  });
});
