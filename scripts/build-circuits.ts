/**
 * Circuits pipeline: circom2 (WebAssembly) compile at --O2, a deterministic development
 * trusted setup (local powers of tau + fixed beacon, phase 2 likewise), and export of the
 * verification key and the Solidity verifier.
 *
 *   node scripts/build-circuits.ts                   build and install into circuits/artifacts and contracts/generated
 *   node scripts/build-circuits.ts --check           fast check (CI): compile in a temporary folder; the
 *                                                    circuit (.wasm), its sizes and source hash must be the
 *                                                    committed ones, and the verification key and verifier
 *                                                    re-exported from the committed .zkey must be the
 *                                                    committed files
 *   node scripts/build-circuits.ts --check --rebuild the whole setup again (minutes: powers of tau 2^15)
 *                                                    and fail unless every artifact is byte-identical
 *
 * The setup is INSECURE by design (everyone knows the beacon): see README "Trusted setup".
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  artifactsDir,
  circuitsDir,
  compileCircuit,
  destination,
  install,
  installed,
  installedSha256,
  exportKeys,
  manifestEntry,
  readCircuitsFile,
  root,
  sha256,
  snarkjs,
  type CircuitSpec,
  type CircuitsFile,
} from "./lib/circuits.ts";

const ptauCache = path.join(circuitsDir, "build", "ptau");

const started = Date.now();
function step(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[circuits ${seconds}s] ${message}`);
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
  const base = path.basename(spec.source, ".circom");
  const compiled = await compileCircuit(spec, out, step);
  const ptau = await powersOfTau(spec.ptauPower, config);
  const zkey0 = path.join(out, `${base}_0.zkey`);
  const zkey = path.join(out, `${base}.zkey`);
  step(`${spec.name}: groth16 setup`);
  await snarkjs("groth16", "setup", compiled.r1cs, ptau, zkey0);
  step(`${spec.name}: phase-2 fixed beacon`);
  await snarkjs("zkey", "beacon", zkey0, zkey, config.beacon, String(config.beaconIterationsExp), "-n=MedLedger development beacon");
  const { vkey, verifier } = await exportKeys(spec, zkey, out, "scripts/build-circuits.ts");
  return {
    name: spec.name,
    files: {
      [`${spec.name}.wasm`]: compiled.wasm,
      [`${spec.name}.zkey`]: zkey,
      [`${spec.name}.vkey.json`]: vkey,
      [`${spec.verifierContract}.sol`]: verifier,
    },
    constraints: compiled.constraints,
    publicSignals: compiled.publicSignals,
  };
}

/**
 * The fast check: what the committed keys were made for, without redoing the setup. The .wasm
 * is compiled again (circom is deterministic), sizes and the source hash are the manifest's,
 * and the verification key and the Solidity verifier follow from the committed .zkey. That the
 * .zkey proves for this .wasm is what the circuit tests show with real proofs.
 */
async function quickCheck(spec: CircuitSpec, workDir: string, manifest: ManifestEntry | undefined): Promise<string[]> {
  const out = path.join(workDir, spec.name);
  const compiled = await compileCircuit(spec, out, step);
  const mismatches: string[] = [];
  const sourceSha256 = await sha256(path.join(circuitsDir, spec.source));
  if (!manifest) return [`circuits/artifacts/manifest.json (no entry for ${spec.name})`];
  if (manifest.sourceSha256 !== sourceSha256) mismatches.push(`${spec.source} (source changed since the build)`);
  if (manifest.constraints !== compiled.constraints || manifest.publicSignals !== compiled.publicSignals)
    mismatches.push(
      `${spec.name} sizes (manifest ${manifest.constraints}/${manifest.publicSignals}, built ${compiled.constraints}/${compiled.publicSignals})`,
    );
  const wasm = destination(`${spec.name}.wasm`);
  if (!existsSync(wasm) || (await sha256(wasm)) !== (await sha256(compiled.wasm))) mismatches.push(path.relative(root, wasm));
  const committedKey = destination(`${spec.name}.zkey`);
  const inflated = await installed(committedKey);
  if (!inflated) return [...mismatches, path.relative(root, committedKey)];
  const zkey = path.join(out, `${spec.name}.zkey`);
  await writeFile(zkey, inflated);
  step(`${spec.name}: verification key and verifier from the committed proving key`);
  const { vkey, verifier } = await exportKeys(spec, zkey, out, "scripts/build-circuits.ts");
  const exported: Record<string, string> = {
    [`${spec.name}.zkey`]: zkey,
    [`${spec.name}.vkey.json`]: vkey,
    [`${spec.verifierContract}.sol`]: verifier,
  };
  for (const [file, builtPath] of Object.entries(exported)) {
    const target = destination(file);
    const hash = await sha256(builtPath);
    if ((await installedSha256(target)) !== hash || manifest.sha256[file] !== hash) mismatches.push(path.relative(root, target));
  }
  return mismatches;
}

interface ManifestEntry {
  name: string;
  sourceSha256: string;
  constraints: number;
  publicSignals: number;
  sha256: Record<string, string>;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const rebuild = !check || process.argv.includes("--rebuild");
  const config = await readCircuitsFile();
  const workDir = check ? await mkdtemp(path.join(tmpdir(), "medledger-circuits-")) : path.join(circuitsDir, "build");
  const manifestPath = path.join(artifactsDir, "manifest.json");
  const manifest: Record<string, unknown>[] = [];
  const mismatches: string[] = [];
  try {
    if (!rebuild) {
      const committed = existsSync(manifestPath)
        ? (JSON.parse(await readFile(manifestPath, "utf8")) as { circuits: ManifestEntry[] }).circuits
        : [];
      for (const spec of config.circuits)
        mismatches.push(
          ...(await quickCheck(
            spec,
            workDir,
            committed.find((c) => c.name === spec.name),
          )),
        );
    } else {
      for (const spec of config.circuits) {
        const built = await buildCircuit(spec, config, workDir);
        manifest.push(await manifestEntry(spec, built, built.files, { kind: "development" }));
        for (const [file, builtPath] of Object.entries(built.files)) {
          const target = destination(file);
          if (check) {
            if ((await installedSha256(target)) !== (await sha256(builtPath))) mismatches.push(path.relative(root, target));
          } else {
            await install(file, builtPath, target);
          }
        }
      }
      const manifestText = `${JSON.stringify({ circuits: manifest }, null, 2)}\n`;
      if (check) {
        const committed = existsSync(manifestPath) ? await readFile(manifestPath, "utf8") : "";
        if (committed !== manifestText) mismatches.push(path.relative(root, manifestPath));
      } else {
        await writeFile(manifestPath, manifestText);
      }
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
