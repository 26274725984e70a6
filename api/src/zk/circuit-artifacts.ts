/**
 * Where a circuit's artifacts live and how its proving key is read. Proving keys are committed
 * gzip-compressed (`<name>.zkey.gz`: the eligibility key is 23 MiB raw, 15 MiB compressed) and
 * inflated into memory on first use, once per process; snarkjs takes the bytes as they are.
 * The manifest's sha256 is of the inflated key, so it names the key and not its compression.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export const PROVING_KEY_SUFFIX = ".zkey.gz";

export interface CircuitFiles {
  /** The witness generator (circom's wasm). */
  wasm: string;
  /** The compressed Groth16 proving key. */
  zkeyGz: string;
  vkey: string;
}

export function circuitFiles(artifactsDir: string, circuit: string): CircuitFiles {
  const dir = path.join(artifactsDir, circuit);
  return {
    wasm: path.join(dir, `${circuit}.wasm`),
    zkeyGz: path.join(dir, `${circuit}${PROVING_KEY_SUFFIX}`),
    vkey: path.join(dir, `${circuit}.vkey.json`),
  };
}

const provingKeys = new Map<string, Uint8Array>();

/** The inflated proving key of `circuit` (kept for the life of the process). */
export function provingKey(artifactsDir: string, circuit: string): Uint8Array {
  const file = path.resolve(circuitFiles(artifactsDir, circuit).zkeyGz);
  let key = provingKeys.get(file);
  if (!key) {
    key = new Uint8Array(gunzipSync(readFileSync(file)));
    provingKeys.set(file, key);
  }
  return key;
}
