/**
 * The placeholder circuit with real witnesses and real Groth16 proofs from the committed
 * artifacts. Expected outputs come from circomlibjs (the TypeScript implementation), not from
 * the circuit itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { buildPoseidon } from "circomlibjs";
import * as snarkjs from "snarkjs";

import { provingKey } from "../../api/src/zk/circuit-artifacts";

const ARTIFACTS = path.resolve(__dirname, "..", "artifacts");
const NAME = "nullifier-ownership";
const wasm = path.join(ARTIFACTS, NAME, `${NAME}.wasm`);
const zkey = provingKey(ARTIFACTS, NAME);
const vkey = JSON.parse(readFileSync(path.join(ARTIFACTS, NAME, `${NAME}.vkey.json`), "utf8"));
const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

type Poseidon = Awaited<ReturnType<typeof buildPoseidon>>;
let poseidon: Poseidon;
const hash = (inputs: bigint[]): bigint => poseidon.F.toObject(poseidon(inputs)) as bigint;

beforeAll(async () => {
  poseidon = await buildPoseidon();
});
afterAll(async () => {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
});

// Public signals in snarkjs order: outputs first, then public inputs in declaration order.
const SIGNALS = { nullifier: 0, scope: 1, action: 2 } as const;

describe("nullifier-ownership circuit", () => {
  const secret = 123456789012345678901234567890n;
  const scope = 42n;
  const action = 7n;

  it("outputs nullifier = Poseidon(secret, scope) and the proof verifies", async () => {
    const { proof, publicSignals } = await snarkjs.groth16.fullProve({ secret, scope, action }, wasm, zkey);
    expect(BigInt(publicSignals[SIGNALS.nullifier])).toBe(hash([secret, scope]));
    expect(BigInt(publicSignals[SIGNALS.scope])).toBe(scope);
    expect(BigInt(publicSignals[SIGNALS.action])).toBe(action);
    expect(await snarkjs.groth16.verify(vkey, publicSignals, proof)).toBe(true);
  });

  it("gives a different, unlinkable nullifier in another scope", async () => {
    const { publicSignals } = await snarkjs.groth16.fullProve({ secret, scope: scope + 1n, action }, wasm, zkey);
    expect(BigInt(publicSignals[SIGNALS.nullifier])).toBe(hash([secret, scope + 1n]));
    expect(BigInt(publicSignals[SIGNALS.nullifier])).not.toBe(hash([secret, scope]));
  });

  it.each([
    ["nullifier", SIGNALS.nullifier],
    ["scope", SIGNALS.scope],
    ["action", SIGNALS.action],
  ])("rejects the proof when the public %s is changed", async (_name, index) => {
    const { proof, publicSignals } = await snarkjs.groth16.fullProve({ secret, scope, action }, wasm, zkey);
    const tampered = [...publicSignals];
    tampered[index] = ((BigInt(tampered[index]) + 1n) % FIELD).toString();
    expect(await snarkjs.groth16.verify(vkey, tampered, proof)).toBe(false);
  });

  it("reduces inputs at the field modulus: secret and secret + p give the same nullifier", async () => {
    const a = await snarkjs.groth16.fullProve({ secret, scope, action }, wasm, zkey);
    const b = await snarkjs.groth16.fullProve({ secret: secret + FIELD, scope, action }, wasm, zkey);
    expect(b.publicSignals[SIGNALS.nullifier]).toBe(a.publicSignals[SIGNALS.nullifier]);
  });

  it("has the pinned size: 241 constraints and 3 public signals at --O2", () => {
    const manifest = JSON.parse(readFileSync(path.join(ARTIFACTS, "manifest.json"), "utf8")) as {
      circuits: { name: string; constraints: number; publicSignals: number }[];
    };
    const entry = manifest.circuits.find((c) => c.name === NAME);
    expect(entry).toMatchObject({ constraints: 241, publicSignals: 3 });
    expect(vkey.nPublic).toBe(3);
  });
});
