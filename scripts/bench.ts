/**
 * `npm run bench`: measured numbers, each beside a baseline from the same run where one
 * exists, written to bench/results.json (`measures` and each part's raw figures) and
 * bench/RESULTS.md with an SVG chart of the ratios (bench-report.ts). The parts:
 * - circuits: Groth16 proving and verification time of each committed circuit;
 * - ledger: the private ledger on embedded PGlite (import, chart pages at 100/1,000/10,000
 *   records, export, access log, Merkle batches);
 * - load: 200 concurrent clients for 60 s against an API process on PostgreSQL beside a plain
 *   HTTP + SQL server (bench-load.ts);
 * - anchoring: gas per entry over a day of traffic, batching by size or age beside anchoring at
 *   every run (bench-anchoring.ts);
 * - cohort: cohort counts over the research index at 10k and 100k patients (1M with
 *   BENCH_COHORT_MILLION=1) beside hand-written SQL (bench-cohort.ts);
 * - gas: gas per on-chain operation from the contract tests, enrollment beside its floor
 *   (bench-gas.ts);
 * - start: `npm start` time to ready on a fresh data folder and again on the same one
 *   (bench-start.ts).
 * Runs are sequential; the first (warm-up) run is excluded. BENCH_ONLY=<part> runs one part and
 * keeps the others' last figures (BENCH_ONLY=report only rewrites the report from them);
 * BENCH_OUT writes to another folder.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import * as snarkjs from "snarkjs";

import { benchAnchoring } from "./lib/bench-anchoring.ts";
import { benchCohort } from "./lib/bench-cohort.ts";
import { benchGas } from "./lib/bench-gas.ts";
import { benchStart } from "./lib/bench-start.ts";
import { measuresOf, writeReport, type Machine } from "./lib/bench-report.ts";
import { benchLedger, eligibilityExample, provingKey, stats } from "./lib/bench-ledger.ts";
import { benchLoad } from "./lib/bench-load.ts";
import { logger } from "./lib/log.ts";

const log = logger("bench");
const root = path.resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

/** Example witness inputs per circuit (valid, so proving succeeds). */
async function benchInputs(): Promise<Record<string, Record<string, bigint | bigint[]>>> {
  return { "nullifier-ownership": { secret: 1234567890123456789n, scope: 42n, action: 1n }, eligibility: await eligibilityExample() };
}

const ONLY = process.env.BENCH_ONLY;
const wanted = (part: string): boolean => !ONLY || ONLY === part;

async function benchCircuits(): Promise<unknown[]> {
  const artifacts = path.join(root, "circuits", "artifacts");
  const manifest = JSON.parse(await readFile(path.join(artifacts, "manifest.json"), "utf8")) as {
    circuits: { name: string; constraints: number }[];
  };
  const circuits = [];
  const inputs = await benchInputs();
  for (const { name, constraints } of manifest.circuits) {
    const input = inputs[name];
    if (!input) throw new Error(`no benchmark input for circuit ${name}: add one to scripts/bench.ts`);
    const wasm = path.join(artifacts, name, `${name}.wasm`);
    const zkey = provingKey(artifacts, name);
    const vkey = JSON.parse(await readFile(path.join(artifacts, name, `${name}.vkey.json`), "utf8"));
    const prove: number[] = [];
    const witness: number[] = [];
    const groth16: number[] = [];
    const verify: number[] = [];
    // Peak resident memory of this process (snarkjs's worker threads included) while proving.
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
    for (let run = 0; run <= RUNS; run++) {
      let started = performance.now();
      const wtns = { type: "mem" } as { type: "mem"; data?: Uint8Array };
      await snarkjs.wtns.calculate(input, wasm, wtns);
      const witnessMs = performance.now() - started;
      const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns);
      const proveMs = performance.now() - started;
      started = performance.now();
      if (!(await snarkjs.groth16.verify(vkey, publicSignals, proof))) throw new Error(`${name}: proof did not verify`);
      const verifyMs = performance.now() - started;
      if (run > 0) {
        prove.push(proveMs);
        witness.push(witnessMs);
        groth16.push(proveMs - witnessMs);
        verify.push(verifyMs);
      }
      log(
        `${name}: run ${run}/${RUNS}${run === 0 ? " (warm-up)" : ""} witness ${witnessMs.toFixed(0)} ms, prove ${proveMs.toFixed(0)} ms in all, verify ${verifyMs.toFixed(0)} ms`,
      );
    }
    clearInterval(sampler);
    circuits.push({
      name,
      constraints,
      runs: RUNS,
      proveMs: stats(prove),
      witnessMs: stats(witness),
      groth16ProveMs: stats(groth16),
      verifyMs: stats(verify),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
    });
  }
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  return circuits;
}

async function main(): Promise<void> {
  // BENCH_OUT: another folder for the results (CI's smoke run leaves the committed ones alone).
  const folder = path.resolve(root, process.env.BENCH_OUT ?? "bench");
  const file = path.join(folder, "results.json");
  const previous = JSON.parse(await readFile(file, "utf8").catch(() => "{}")) as Record<string, unknown>;
  const circuits = wanted("circuits") ? await benchCircuits() : previous.circuits;
  const ledger = wanted("ledger") ? await benchLedger(log, RUNS) : previous.ledger;
  const load = wanted("load") ? await benchLoad(log) : previous.load;
  const anchoring = wanted("anchoring") ? await benchAnchoring(log) : previous.anchoring;
  const cohort = wanted("cohort") ? await benchCohort(log, RUNS) : previous.cohort;
  const gas = wanted("gas") ? await benchGas(log) : previous.gas;
  const start = wanted("start") ? await benchStart(log) : previous.start;
  const machine: Machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const measuredAt = new Date().toISOString();
  const parts = { circuits, ledger, load, anchoring, cohort, gas, start };
  const measures = measuresOf(parts, machine);
  await mkdir(folder, { recursive: true });
  await writeFile(file, `${JSON.stringify({ measuredAt, machine, measures, ...parts }, null, 2)}\n`);
  await writeReport(folder, measures, measuredAt, machine);
  log(`results written to ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), path.join(folder, "RESULTS.md"))}`);
  for (const c of (circuits ?? []) as { name: string; constraints: number; proveMs: { median: number }; verifyMs: { median: number } }[])
    log(`${c.name} (${c.constraints} constraints): prove median ${c.proveMs.median} ms, verify median ${c.verifyMs.median} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
