/**
 * Circuits pipeline: circom2 (WebAssembly) compile at --O2, a deterministic development
 * trusted setup (local powers of tau + fixed beacon, phase 2 likewise), and export of the
 * verification key and the Solidity verifier.
 *
 *   node scripts/build-circuits.ts            build and install into circuits/artifacts and contracts/generated
 *   node scripts/build-circuits.ts --check    rebuild in a temporary folder and fail unless the
 *                                             committed artifacts are byte-identical
 *
 * The setup is INSECURE by design (everyone knows the beacon): see README "Trusted setup".
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const circuitsDir = path.join(root, "circuits");
const artifactsDir = path.join(circuitsDir, "artifacts");
const verifiersDir = path.join(root, "contracts", "generated");
const ptauCache = path.join(circuitsDir, "build", "ptau");

const snarkjsCli = path.join(path.dirname(require.resolve("snarkjs")), "cli.cjs");
const circomCli = path.join(path.dirname(require.resolve("circom2/package.json")), "cli.js");

interface CircuitSpec {
  name: string;
  source: string;
  verifierContract: string;
  ptauPower: number;
}
interface CircuitsFile {
  beacon: string;
  beaconIterationsExp: number;
  circuits: CircuitSpec[];
}

const started = Date.now();
function step(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[circuits ${seconds}s] ${message}`);
}

function run(command: string, args: string[], cwd = root): Promise<string> {
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

/** snarkjs's CLI exits 0 on some errors: a step counts as done only if its output file exists. */
async function snarkjs(...args: string[]): Promise<string> {
  const output = await run(snarkjsCli, args);
  if (output.includes("[ERROR]")) throw new Error(`snarkjs ${args.join(" ")} failed:\n${output}`);
  return output;
}

async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

/** Powers of tau for 2^power constraints: `new` + a public beacon + phase-2 preparation. Cached. */
async function powersOfTau(power: number, config: CircuitsFile): Promise<string> {
  const final = path.join(ptauCache, `pot${power}_final.ptau`);
  if (existsSync(final)) return final;
  await mkdir(ptauCache, { recursive: true });
  const fresh = path.join(ptauCache, `pot${power}_0.ptau`);
  const beaconed = path.join(ptauCache, `pot${power}_beacon.ptau`);
  step(`powers of tau 2^${power}: new accumulator`);
  await snarkjs("powersoftau", "new", "bn128", String(power), fresh);
  step(`powers of tau 2^${power}: fixed beacon`);
  await snarkjs(
    "powersoftau",
    "beacon",
    fresh,
    beaconed,
    config.beacon,
    String(config.beaconIterationsExp),
    "-n=MedLedger development beacon",
  );
  step(`powers of tau 2^${power}: prepare phase 2 (the slow step)`);
  await snarkjs("powersoftau", "prepare", "phase2", beaconed, final);
  await rm(fresh);
  await rm(beaconed);
  return final;
}

interface BuiltCircuit {
  name: string;
  files: Record<string, string>; // artifact file name -> built path
  constraints: number;
  publicSignals: number;
}

async function buildCircuit(spec: CircuitSpec, config: CircuitsFile, workDir: string): Promise<BuiltCircuit> {
  const out = path.join(workDir, spec.name);
  await mkdir(out, { recursive: true });
  const base = path.basename(spec.source, ".circom");

  step(`${spec.name}: compiling with circom2 --O2`);
  await run(circomCli, [path.join(circuitsDir, spec.source), "--r1cs", "--wasm", "--O2", "-l", path.join(root, "node_modules"), "-o", out]);
  const r1cs = path.join(out, `${base}.r1cs`);
  const wasm = path.join(out, `${base}_js`, `${base}.wasm`);

  const info = await snarkjs("r1cs", "info", r1cs);
  const constraints = Number(/# of Constraints:\s*(\d+)/.exec(info)?.[1]);
  const publicInputs = Number(/# of Public Inputs:\s*(\d+)/.exec(info)?.[1]);
  const outputs = Number(/# of Outputs:\s*(\d+)/.exec(info)?.[1]);
  if (!Number.isInteger(constraints)) throw new Error(`cannot read the constraint count of ${spec.name}:\n${info}`);
  if (2 ** spec.ptauPower < constraints + publicInputs + outputs + 1) {
    throw new Error(`${spec.name} has ${constraints} constraints: raise ptauPower (${spec.ptauPower}) in circuits/circuits.json`);
  }
  step(`${spec.name}: ${constraints} constraints, ${publicInputs + outputs} public signals`);

  const ptau = await powersOfTau(spec.ptauPower, config);
  const zkey0 = path.join(out, `${base}_0.zkey`);
  const zkey = path.join(out, `${base}.zkey`);
  step(`${spec.name}: groth16 setup`);
  await snarkjs("groth16", "setup", r1cs, ptau, zkey0);
  step(`${spec.name}: phase-2 fixed beacon`);
  await snarkjs("zkey", "beacon", zkey0, zkey, config.beacon, String(config.beaconIterationsExp), "-n=MedLedger development beacon");
  const vkey = path.join(out, `${base}.vkey.json`);
  await snarkjs("zkey", "export", "verificationkey", zkey, vkey);
  const verifier = path.join(out, `${spec.verifierContract}.sol`);
  await snarkjs("zkey", "export", "solidityverifier", zkey, verifier);
  const solidity = (await readFile(verifier, "utf8")).replace(/contract Groth16Verifier\b/, `contract ${spec.verifierContract}`);
  await writeFile(verifier, `// GENERATED by scripts/build-circuits.ts from circuits/${spec.source}. Do not edit.\n${solidity}`);

  return {
    name: spec.name,
    files: {
      [`${spec.name}.wasm`]: wasm,
      [`${spec.name}.zkey`]: zkey,
      [`${spec.name}.vkey.json`]: vkey,
      [`${spec.verifierContract}.sol`]: verifier,
    },
    constraints,
    publicSignals: publicInputs + outputs,
  };
}

function destination(file: string): string {
  return file.endsWith(".sol")
    ? path.join(verifiersDir, file)
    : path.join(artifactsDir, file.replace(/\.(wasm|zkey|vkey\.json)$/, ""), file);
}

async function manifestEntry(spec: CircuitSpec, built: BuiltCircuit): Promise<Record<string, unknown>> {
  const hashes: Record<string, string> = {};
  for (const [file, builtPath] of Object.entries(built.files)) hashes[file] = await sha256(builtPath);
  return {
    name: spec.name,
    source: `circuits/${spec.source}`,
    sourceSha256: await sha256(path.join(circuitsDir, spec.source)),
    verifierContract: spec.verifierContract,
    constraints: built.constraints,
    publicSignals: built.publicSignals,
    ptauPower: spec.ptauPower,
    sha256: hashes,
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const config = JSON.parse(await readFile(path.join(circuitsDir, "circuits.json"), "utf8")) as CircuitsFile;
  const workDir = check ? await mkdtemp(path.join(tmpdir(), "medledger-circuits-")) : path.join(circuitsDir, "build");
  const manifest: Record<string, unknown>[] = [];
  const mismatches: string[] = [];
  try {
    for (const spec of config.circuits) {
      const built = await buildCircuit(spec, config, workDir);
      manifest.push(await manifestEntry(spec, built));
      for (const [file, builtPath] of Object.entries(built.files)) {
        const target = destination(file);
        if (check) {
          const committed = existsSync(target) ? await sha256(target) : "missing";
          if (committed !== (await sha256(builtPath))) mismatches.push(path.relative(root, target));
        } else {
          await mkdir(path.dirname(target), { recursive: true });
          await copyFile(builtPath, target);
        }
      }
    }
    const manifestPath = path.join(artifactsDir, "manifest.json");
    const manifestText = `${JSON.stringify({ circuits: manifest }, null, 2)}\n`;
    if (check) {
      const committed = existsSync(manifestPath) ? await readFile(manifestPath, "utf8") : "";
      if (committed !== manifestText) mismatches.push(path.relative(root, manifestPath));
    } else {
      await writeFile(manifestPath, manifestText);
    }
  } finally {
    if (check) await rm(workDir, { recursive: true, force: true });
  }
  if (mismatches.length > 0) {
    console.error(
      `The committed circuit artifacts do not match circuits/ sources; run npm run build:circuits and commit:\n  ${mismatches.join("\n  ")}`,
    );
    process.exit(1);
  }
  step(check ? "committed artifacts match the circuit sources" : "artifacts written to circuits/artifacts and contracts/generated");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
