/**
 * The production trusted setup of one circuit (Groth16 phase 2), in three commands run by
 * different people on different machines:
 *
 *   npm run ceremony -- start      --circuit eligibility --ptau powersOfTau28_hez_final_15.ptau [--dir ceremony]
 *   npm run ceremony -- contribute --circuit eligibility --name "St. Mary's Hospital"   (each participant, in turn)
 *   npm run ceremony -- finalize   --circuit eligibility --beacon <64 hex digits announced in advance> [--iterations 10]
 *
 * `start` compiles the circuit, verifies the public powers-of-tau file and makes the initial
 * key; each `contribute` adds fresh entropy (read from the operating system, never written
 * anywhere) and records its hash in `<dir>/<circuit>/transcript.json`; `finalize` seals the
 * key with the public beacon, verifies the whole chain against the circuit and the powers of
 * tau, and installs the keys, the Solidity verifier and a manifest entry marked
 * `setup.kind: "ceremony"` into circuits/artifacts and contracts/generated (or --artifacts
 * and --verifiers). The setup is sound if at least one contributor destroyed their entropy.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import * as snarkjs from "snarkjs";

import {
  artifactsDir,
  compileCircuit,
  destination,
  install,
  exportKeys,
  manifestEntry,
  readCircuitsFile,
  sha256,
  verifiersDir,
  type CircuitSetup,
  type CircuitSpec,
} from "./lib/circuits.ts";
import { exitOnError, logger, UserFacingError } from "./lib/log.ts";

const log = logger("ceremony");

interface Transcript {
  circuit: string;
  ptau: string;
  ptauSha256: string;
  r1cs: string;
  wasm: string;
  constraints: number;
  publicSignals: number;
  /** Phase-2 keys in order: the initial one, then one per contribution. */
  zkeys: string[];
  contributions: { name: string; hash: string }[];
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

async function specOf(name: string | undefined): Promise<CircuitSpec> {
  const config = await readCircuitsFile();
  const spec = config.circuits.find((c) => c.name === name);
  if (!spec) throw new UserFacingError(`--circuit must be one of: ${config.circuits.map((c) => c.name).join(", ")}`);
  return spec;
}

function transcriptPath(dir: string, circuit: string): string {
  return path.join(dir, circuit, "transcript.json");
}

async function readTranscript(dir: string, circuit: string): Promise<Transcript> {
  const file = transcriptPath(dir, circuit);
  if (!existsSync(file)) throw new UserFacingError(`No ceremony for ${circuit} in ${dir}: run "npm run ceremony -- start" first.`);
  return JSON.parse(await readFile(file, "utf8")) as Transcript;
}

async function writeTranscript(dir: string, transcript: Transcript): Promise<void> {
  await writeFile(transcriptPath(dir, transcript.circuit), `${JSON.stringify(transcript, null, 2)}\n`);
}

async function start(spec: CircuitSpec, dir: string, ptauArg: string | undefined): Promise<void> {
  if (!ptauArg || !existsSync(ptauArg))
    throw new UserFacingError("--ptau must name a public powers-of-tau file (README, A real ceremony).");
  const ptau = path.resolve(ptauArg);
  const out = path.join(dir, spec.name);
  if (existsSync(transcriptPath(dir, spec.name))) throw new UserFacingError(`A ceremony for ${spec.name} already exists in ${out}.`);
  const compiled = await compileCircuit(spec, path.join(out, "build"), log);
  log(`verifying the powers of tau ${path.basename(ptau)} (every contribution in it)`);
  if (!(await snarkjs.powersOfTau.verify(ptau))) throw new UserFacingError(`${ptau} does not verify: do not use it.`);
  const zkey = path.join(out, `${spec.name}_0000.zkey`);
  log(`${spec.name}: initial phase-2 key`);
  await snarkjs.zKey.newZKey(compiled.r1cs, ptau, zkey);
  await writeTranscript(dir, {
    circuit: spec.name,
    ptau,
    ptauSha256: await sha256(ptau),
    r1cs: compiled.r1cs,
    wasm: compiled.wasm,
    constraints: compiled.constraints,
    publicSignals: compiled.publicSignals,
    zkeys: [zkey],
    contributions: [],
  });
  log(`started: ${zkey}. Next: each participant runs "npm run ceremony -- contribute --circuit ${spec.name} --name <who>".`);
}

async function contribute(spec: CircuitSpec, dir: string, name: string | undefined): Promise<void> {
  if (!name?.trim()) throw new UserFacingError("--name must say who contributes (it is published in the transcript).");
  const transcript = await readTranscript(dir, spec.name);
  const previous = transcript.zkeys.at(-1)!;
  const next = path.join(dir, spec.name, `${spec.name}_${String(transcript.zkeys.length).padStart(4, "0")}.zkey`);
  // Fresh entropy from the operating system, held in memory only for this call.
  const hash = await snarkjs.zKey.contribute(previous, next, name.trim(), randomBytes(64).toString("hex"));
  transcript.zkeys.push(next);
  transcript.contributions.push({ name: name.trim(), hash: hex(hash) });
  await writeTranscript(dir, transcript);
  log(`contribution ${transcript.contributions.length} by ${name.trim()}: ${hex(hash)}`);
  log("publish this hash; anyone can later check it is in the final key (finalize verifies the chain).");
}

async function finalize(
  spec: CircuitSpec,
  dir: string,
  options: { beacon?: string; iterations?: string; artifacts?: string; verifiers?: string },
): Promise<void> {
  const beacon = options.beacon ?? "";
  if (!/^[0-9a-fA-F]{64}$/.test(beacon))
    throw new UserFacingError("--beacon must be 64 hex digits announced before the ceremony (e.g. a future block hash).");
  const iterations = Number(options.iterations ?? "10");
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 63)
    throw new UserFacingError("--iterations must be between 1 and 63.");
  const transcript = await readTranscript(dir, spec.name);
  if (transcript.contributions.length === 0)
    throw new UserFacingError("No contribution yet: a ceremony needs at least one independent participant.");
  const out = path.join(dir, spec.name);
  const zkey = path.join(out, `${spec.name}.zkey`);
  log(`${spec.name}: sealing with the public beacon`);
  // snarkjs answers false (and writes nothing) when it refuses its input.
  if ((await snarkjs.zKey.beacon(transcript.zkeys.at(-1)!, zkey, "Final beacon", beacon, iterations)) === false) {
    throw new UserFacingError(`snarkjs refused the beacon step for ${spec.name}.`);
  }
  log(`${spec.name}: verifying the final key against the circuit and the powers of tau`);
  if (!(await snarkjs.zKey.verifyFromR1cs(transcript.r1cs, transcript.ptau, zkey))) {
    throw new UserFacingError(`The final key of ${spec.name} does not verify: the ceremony is broken, start again.`);
  }
  const { vkey, verifier } = await exportKeys(spec, zkey, out, "scripts/ceremony.ts");
  const files: Record<string, string> = {
    [`${spec.name}.wasm`]: transcript.wasm,
    [`${spec.name}.zkey`]: zkey,
    [`${spec.name}.vkey.json`]: vkey,
    [`${spec.verifierContract}.sol`]: verifier,
  };
  const artifacts = path.resolve(options.artifacts ?? artifactsDir);
  const verifiers = path.resolve(options.verifiers ?? verifiersDir);
  for (const [file, built] of Object.entries(files)) {
    await install(file, built, destination(file, artifacts, verifiers));
  }
  const setup: CircuitSetup = {
    kind: "ceremony",
    ptauSha256: transcript.ptauSha256,
    contributions: transcript.contributions,
    beacon,
    beaconIterationsExp: iterations,
  };
  const manifestPath = path.join(artifacts, "manifest.json");
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(await readFile(manifestPath, "utf8")) as { circuits: Record<string, unknown>[] })
    : { circuits: [] };
  const entry = await manifestEntry(spec, transcript, files, setup);
  manifest.circuits = [...manifest.circuits.filter((c) => c.name !== spec.name), entry];
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`${spec.name}: installed into ${artifacts} and ${verifiers}`);
  log("rebuild the contracts (npm run build) and deploy new verifiers; the transcript is in " + transcriptPath(dir, spec.name));
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      circuit: { type: "string" },
      dir: { type: "string", default: "ceremony" },
      ptau: { type: "string" },
      name: { type: "string" },
      beacon: { type: "string" },
      iterations: { type: "string" },
      artifacts: { type: "string" },
      verifiers: { type: "string" },
    },
  });
  const [command] = positionals;
  const spec = await specOf(values.circuit);
  const dir = path.resolve(values.dir!);
  await mkdir(path.join(dir, spec.name), { recursive: true });
  if (command === "start") await start(spec, dir, values.ptau);
  else if (command === "contribute") await contribute(spec, dir, values.name);
  else if (command === "finalize") await finalize(spec, dir, values);
  else throw new UserFacingError("usage: npm run ceremony -- start|contribute|finalize --circuit <name> … (see scripts/ceremony.ts)");
}

// snarkjs keeps its curve's worker threads alive: exit once the step is done.
main().then(() => process.exit(0), exitOnError);
