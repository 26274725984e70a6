/**
 * The benchmark's figures side by side: every measure with its baseline (measured in the same
 * part of the same run), the ratio and the conditions, as `measures` in bench/results.json and
 * as bench/RESULTS.md with an SVG chart of the ratios (bench/ratios.svg).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";

export interface Machine {
  cpus: number;
  cpuModel: string | undefined;
  memoryGiB: number;
  node: string;
}

export interface Measure {
  name: string;
  unit: string;
  value: number;
  baseline: { what: string; value: number } | null;
  /** value / baseline (null without a baseline). */
  ratio: number | null;
  /** Whether a smaller value is better (times, gas) or a larger one (throughput). */
  better: "lower" | "higher";
  conditions: string;
  machine: Machine;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ratio = (value: number, baseline: number): number => Math.round((value / baseline) * 100) / 100;

/** Collects the measures from the parts' results (a part that was skipped contributes nothing). */
export function measuresOf(results: Json, machine: Machine): Measure[] {
  const out: Measure[] = [];
  const add = (m: Omit<Measure, "ratio" | "machine">): void => {
    out.push({ ...m, ratio: m.baseline ? ratio(m.value, m.baseline.value) : null, machine });
  };
  for (const c of (results.circuits ?? []) as Json[]) {
    add({
      name: `${c.name} proof (${c.constraints} constraints), witness + prove`,
      unit: "ms (median)",
      value: c.proveMs.median,
      baseline: null,
      better: "lower",
      conditions: `snarkjs in Node, ${c.runs} runs after a warm-up: witness ${c.witnessMs?.median ?? "?"} ms + Groth16 ${c.groth16ProveMs?.median ?? "?"} ms; verify ${c.verifyMs.median} ms; peak memory ${c.peakRssMiB ?? "?"} MiB`,
    });
  }
  const ledger = results.ledger as Json | undefined;
  if (ledger?.listObservationsFirst50Ms) {
    add({
      name: "records page (first 50 observations)",
      unit: "ms (median)",
      value: ledger.listObservationsFirst50Ms.median,
      baseline: { what: "decrypting the whole chart (export)", value: ledger.exportPatientMs.median },
      better: "lower",
      conditions: `one patient with ${ledger.listObservationsFirst50Ms.patientRecords} records, embedded PGlite, in-process`,
    });
  }
  const sizes = (ledger?.chartSizes ?? []) as Json[];
  for (const c of sizes) {
    add({
      name: `records page (20), ${c.records.toLocaleString("en-US")}-record chart`,
      unit: "ms (median)",
      value: c.firstPageMs.median,
      baseline: { what: `the same page of the ${sizes[0].records}-record chart`, value: sizes[0].firstPageMs.median },
      better: "lower",
      conditions: `embedded PGlite, in-process; a page near the end ${c.deepPageMs.median} ms; decrypting the whole chart ${c.wholeChartMs.median} ms`,
    });
  }
  if (ledger?.import) {
    add({
      name: "import (in process)",
      unit: "resources/s",
      value: ledger.import.resourcesPerSecond,
      baseline: null,
      better: "higher",
      conditions: `${ledger.import.bundles} Synthea bundles, ${ledger.import.resources} resources, embedded PGlite`,
    });
  }
  const load = results.load as Json | undefined;
  if (load?.medledger && load.baseline) {
    add({
      name: `HTTP load, ${load.clients} clients`,
      unit: "requests/s",
      value: load.medledger.perSecond,
      baseline: { what: load.baseline.what, value: load.baseline.perSecond },
      better: "higher",
      conditions: `${load.seconds} s on ${load.database}; mix: ${load.mix}; p99 ${load.medledger.latencyMs.p99} ms`,
    });
  }
  for (const run of (load?.pageOnly ?? []) as Json[]) {
    add({
      name: `records page over HTTP, ${run.clients} connections`,
      unit: "requests/s",
      value: run.medledger.perSecond,
      baseline: { what: "the same page from plain node:http + pg", value: run.baseline.perSecond },
      better: "higher",
      conditions: `${run.seconds} s on ${load!.database}; doctor, purpose TREAT, consent checked, audited; p99 ${run.medledger.latencyMs.p99} ms (baseline ${run.baseline.latencyMs.p99} ms)`,
    });
  }
  for (const day of (results.anchoring?.days ?? []) as Json[]) {
    add({
      name: `anchoring gas per entry, ${day.entriesPerDay} entries/day`,
      unit: "gas",
      value: day.policy.gasPerEntry,
      baseline: { what: "anchoring whatever is pending every run", value: day.baseline.gasPerEntry },
      better: "lower",
      conditions: `batch at ${results.anchoring.policy.minBatch} entries or ${results.anchoring.policy.maxWaitSeconds} s; longest wait ${day.policy.waitSeconds.max} s`,
    });
  }
  for (const op of (results.gas?.operations ?? []) as Json[]) {
    add({
      name: `gas: ${op.name}`,
      unit: "gas",
      value: op.gas,
      baseline:
        op.function === "enroll"
          ? { what: "floor: Groth16 on the precompiles + 21,000 + one fresh slot", value: results.gas.enrollFloor }
          : null,
      better: "lower",
      conditions: `median of ${op.calls} call(s) in the contract tests (${op.contract}.${op.function})`,
    });
  }
  const start = results.start as Json | undefined;
  if (start?.firstStartMs) {
    add({
      name: "npm start to ready, second start",
      unit: "ms",
      value: start.secondStartMs,
      baseline: { what: "the first start on a fresh data folder (deploy, migrations, demo data)", value: start.firstStartMs },
      better: "lower",
      conditions: "scripts/start.ts after the build: anvil, contracts, PGlite, API, portal, demo data, until it prints ready",
    });
  }
  for (const m of (results.cohort?.measures ?? []) as Json[]) {
    add({
      name: `cohortCount, ${m.patients.toLocaleString("en-US")} patients: ${m.query}`,
      unit: "ms (p50)",
      value: m.indexMs.median,
      baseline: { what: "hand-written SQL, same criteria", value: m.handSqlMs.median },
      better: "lower",
      conditions: `research index on ${results.cohort.database}, ${results.cohort.runs} runs; cohort ${m.cohort}, ${m.cells} cells`,
    });
  }
  return out;
}

const escape = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * Horizontal bars of value / baseline per measure on a log scale from 0.01× to 10×, with the
 * 1× line: left of it is cheaper or slower than the baseline, depending on `better`.
 */
export function ratioChart(measures: readonly Measure[]): string {
  const rows = measures.filter((m) => m.ratio !== null);
  const width = 900;
  const label = 470;
  const barArea = width - label - 60;
  const rowHeight = 22;
  const height = rows.length * rowHeight + 50;
  const x = (r: number): number => label + ((Math.log10(Math.min(Math.max(r, 0.01), 10)) + 2) / 3) * barArea;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>MedLedger benchmark: each measure divided by its baseline</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  for (const tick of [0.01, 0.1, 1, 10]) {
    parts.push(
      `<line x1="${x(tick)}" x2="${x(tick)}" y1="20" y2="${height - 20}" stroke="${tick === 1 ? "#333" : "#ddd"}"/>`,
      `<text x="${x(tick)}" y="14" text-anchor="middle" fill="#555">${tick}×</text>`,
    );
  }
  rows.forEach((m, i) => {
    const y = 24 + i * rowHeight;
    const good = m.better === "lower" ? m.ratio! <= 1 : m.ratio! >= 1;
    const from = Math.min(x(1), x(m.ratio!));
    parts.push(
      `<text x="${label - 8}" y="${y + 13}" text-anchor="end">${escape(m.name.length > 72 ? `${m.name.slice(0, 71)}…` : m.name)}</text>`,
      `<rect x="${from}" y="${y + 3}" width="${Math.max(1, Math.abs(x(m.ratio!) - x(1)))}" height="${rowHeight - 8}" fill="${good ? "#2f855a" : "#c05621"}"/>`,
      `<text x="${x(m.ratio!) + (m.ratio! >= 1 ? 4 : -4)}" y="${y + 13}" text-anchor="${m.ratio! >= 1 ? "start" : "end"}" fill="#222">${m.ratio}×</text>`,
    );
  });
  parts.push(
    `<text x="8" y="${height - 4}" fill="#555">green: better than the baseline (lower time or gas, higher throughput); orange: worse</text>`,
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}

export function resultsMarkdown(measures: readonly Measure[], measuredAt: string, machine: Machine): string {
  const cell = (text: string): string => text.replaceAll("|", "\\|");
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (scripts/bench.ts) on ${measuredAt.slice(0, 10)}: ${machine.cpus} × ${machine.cpuModel ?? "CPU"}, ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    "Each figure stands beside its baseline, measured in the same part of the same run; the raw numbers are in [results.json](results.json).",
    "",
    "![Each measure divided by its baseline](ratios.svg)",
    "",
    "| measure | value | baseline | ratio | conditions |",
    "| --- | --- | --- | --- | --- |",
    ...measures.map(
      (m) =>
        `| ${cell(m.name)} | ${m.value.toLocaleString("en-US")} ${m.unit} | ${m.baseline ? `${m.baseline.value.toLocaleString("en-US")} ${m.unit.split(" ")[0]}: ${cell(m.baseline.what)}` : "—"} | ${m.ratio === null ? "—" : `${m.ratio}×`} | ${cell(m.conditions)} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

export async function writeReport(folder: string, measures: readonly Measure[], measuredAt: string, machine: Machine): Promise<void> {
  await writeFile(path.join(folder, "ratios.svg"), ratioChart(measures));
  await writeFile(path.join(folder, "RESULTS.md"), resultsMarkdown(measures, measuredAt, machine));
}
