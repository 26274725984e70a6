/**
 * What the circuit build (scripts/build-circuits.ts) and the production ceremony
 * (scripts/ceremony.ts) share: running circom2 and snarkjs's CLI, compiling a circuit,
 * exporting its verification key and Solidity verifier, hashing artifacts, and the manifest.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

/** How a proving key is installed; the API, the tests and the portal read this name (api/src/zk/circuit-artifacts.ts). */
const PROVING_KEY_SUFFIX = ".zkey.gz";

const require = createRequire(import.meta.url);
export const root = path.resolve(import.meta.dirname, "..", "..");
export const circuitsDir = path.join(root, "circuits");
export const artifactsDir = path.join(circuitsDir, "artifacts");
export const verifiersDir = path.join(root, "contracts", "generated");

const snarkjsCli = path.join(path.dirname(require.resolve("snarkjs")), "cli.cjs");
const circomCli = path.join(path.dirname(require.resolve("circom2/package.json")), "cli.js");

export interface CircuitSpec {
  name: string;
  source: string;
  verifierContract: string;
  ptauPower: number;
}
export interface CircuitsFile {
  beacon: string;
  beaconIterationsExp: number;
  circuits: CircuitSpec[];
}

/** How a circuit's proving and verification keys were made (the API and deploy refuse development keys off the dev chain). */
export type CircuitSetup =
  | { kind: "development" }
  | {
      kind: "ceremony";
      ptauSha256: string;
      contributions: { name: string; hash: string }[];
      beacon: string;
      beaconIterationsExp: number;
    };

export async function readCircuitsFile(): Promise<CircuitsFile> {
  return JSON.parse(await readFile(path.join(circuitsDir, "circuits.json"), "utf8")) as CircuitsFile;
}

export function run(command: string, args: string[], cwd = root): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [command, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

/** snarkjs's CLI exits 0 on some errors: a step counts as done only if it printed no [ERROR]. */
export async function snarkjs(...args: string[]): Promise<string> {
  const output = await run(snarkjsCli, args);
  if (output.includes("[ERROR]")) throw new Error(`snarkjs ${args.join(" ")} failed:\n${output}`);
  return output;
}

export async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

export interface CompiledCircuit {
  r1cs: string;
  wasm: string;
  constraints: number;
  publicSignals: number;
}

/** circom2 --O2 into `out`; checks that 2^ptauPower is large enough. */
export async function compileCircuit(spec: CircuitSpec, out: string, step: (message: string) => void): Promise<CompiledCircuit> {
  await mkdir(out, { recursive: true });
  const base = path.basename(spec.source, ".circom");
  step(`${spec.name}: compiling with circom2 --O2`);
  await run(circomCli, [path.join(circuitsDir, spec.source), "--r1cs", "--wasm", "--O2", "-l", path.join(root, "node_modules"), "-o", out]);
  const r1cs = path.join(out, `${base}.r1cs`);
  const info = await snarkjs("r1cs", "info", r1cs);
  const constraints = Number(/# of Constraints:\s*(\d+)/.exec(info)?.[1]);
  const publicInputs = Number(/# of Public Inputs:\s*(\d+)/.exec(info)?.[1]);
  const outputs = Number(/# of Outputs:\s*(\d+)/.exec(info)?.[1]);
  if (!Number.isInteger(constraints)) throw new Error(`cannot read the constraint count of ${spec.name}:\n${info}`);
  if (2 ** spec.ptauPower < constraints + publicInputs + outputs + 1) {
    throw new Error(`${spec.name} has ${constraints} constraints: raise ptauPower (${spec.ptauPower}) in circuits/circuits.json`);
  }
  step(`${spec.name}: ${constraints} constraints, ${publicInputs + outputs} public signals`);
  return { r1cs, wasm: path.join(out, `${base}_js`, `${base}.wasm`), constraints, publicSignals: publicInputs + outputs };
}

/** Exports the verification key and the Solidity verifier (renamed to the spec's contract) of a final zkey. */
export async function exportKeys(
  spec: CircuitSpec,
  zkey: string,
  out: string,
  generatedBy: string,
): Promise<{ vkey: string; verifier: string }> {
  const base = path.basename(spec.source, ".circom");
  const vkey = path.join(out, `${base}.vkey.json`);
  await snarkjs("zkey", "export", "verificationkey", zkey, vkey);
  const verifier = path.join(out, `${spec.verifierContract}.sol`);
  await snarkjs("zkey", "export", "solidityverifier", zkey, verifier);
  const solidity = (await readFile(verifier, "utf8")).replace(/contract Groth16Verifier\b/, `contract ${spec.verifierContract}`);
  await writeFile(verifier, `// GENERATED by ${generatedBy} from circuits/${spec.source}. Do not edit.\n${solidity}`);
  return { vkey, verifier };
}

/**
 * Where an artifact lives once installed: verifiers in contracts/generated, the rest per circuit;
 * a proving key `<name>.zkey` as `<name>.zkey.gz` (api/src/zk/circuit-artifacts.ts reads it).
 */
export function destination(file: string, artifacts = artifactsDir, verifiers = verifiersDir): string {
  if (file.endsWith(".sol")) return path.join(verifiers, file);
  const dir = path.join(artifacts, file.replace(/\.(wasm|zkey|vkey\.json)$/, ""));
  return file.endsWith(".zkey") ? path.join(dir, file.replace(/\.zkey$/, PROVING_KEY_SUFFIX)) : path.join(dir, file);
}

/** Installs a built artifact at its destination (a proving key gzip-compressed). */
export async function install(file: string, built: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const bytes = await readFile(built);
  await writeFile(target, file.endsWith(".zkey") ? gzipSync(bytes, { level: 9 }) : bytes);
}

/** The installed artifact as built (a proving key inflated), or undefined when it is missing. */
export async function installed(target: string): Promise<Buffer | undefined> {
  if (!existsSync(target)) return undefined;
  const bytes = await readFile(target);
  return target.endsWith(PROVING_KEY_SUFFIX) ? gunzipSync(bytes) : bytes;
}

/** sha256 of an installed artifact as built ("missing" when it is not there). */
export async function installedSha256(target: string): Promise<string> {
  const bytes = await installed(target);
  return bytes ? createHash("sha256").update(bytes).digest("hex") : "missing";
}

/** The manifest entry of a circuit: counts, setup and the sha256 of every artifact. */
export async function manifestEntry(
  spec: CircuitSpec,
  compiled: { constraints: number; publicSignals: number },
  files: Record<string, string>,
  setup: CircuitSetup,
): Promise<Record<string, unknown>> {
  const hashes: Record<string, string> = {};
  for (const [file, builtPath] of Object.entries(files)) hashes[file] = await sha256(builtPath);
  return {
    name: spec.name,
    source: `circuits/${spec.source}`,
    sourceSha256: await sha256(path.join(circuitsDir, spec.source)),
    verifierContract: spec.verifierContract,
    constraints: compiled.constraints,
    publicSignals: compiled.publicSignals,
    ptauPower: spec.ptauPower,
    setup,
    sha256: hashes,
  };
}

/**
 * The circuits whose verifiers in contracts/generated come from the development setup (public
 * beacon: anyone can forge proofs), or that the manifest does not vouch for (a verifier whose
 * bytes differ from the manifest's). Deploying them anywhere but the local development chain
 * is refused.
 */
export async function unsafeVerifiers(artifacts = artifactsDir, verifiers = verifiersDir): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(artifacts, "manifest.json"), "utf8")) as {
    circuits: { name: string; verifierContract: string; setup?: CircuitSetup; sha256: Record<string, string> }[];
  };
  const unsafe: string[] = [];
  for (const circuit of manifest.circuits) {
    const file = `${circuit.verifierContract}.sol`;
    const matches = (await sha256(path.join(verifiers, file)).catch(() => "missing")) === circuit.sha256[file];
    if (circuit.setup?.kind !== "ceremony") unsafe.push(`${circuit.name} (development setup)`);
    else if (!matches) unsafe.push(`${circuit.name} (${file} differs from the manifest)`);
  }
  return unsafe;
}
