/**
 * Load benchmark: BENCH_CLIENTS concurrent clients (default 200) for BENCH_LOAD_SECONDS
 * (default 60) of mixed reads and writes against a real API process on PostgreSQL (a fresh
 * schema in BENCH_DATABASE_URL, default the local postgres database; PGlite if none answers),
 * with anvil as the chain. Beside it, in the same run and with the same clients, a baseline:
 * a minimal Node HTTP server answering the same chart page straight from PostgreSQL (no
 * GraphQL, no access decision, no audit, no decryption), so the figure reads as "MedLedger's
 * cost over the database alone".
 *
 * The mix, per client iteration: 60 % a page of a chart (doctor, TREAT), 20 % a patient's own
 * access log, 10 % a patient's own records, 10 % a new Observation (doctor). Errors are any
 * HTTP failure or GraphQL error; the run must end with errors = 0.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import pg from "pg";

import { connectRpc, demoWallet, deployAndWrite, root, seedDemoRoles } from "./contracts.ts";
import { freePort } from "./free-port.ts";
import { graphql, signInWith } from "./graphql-client.ts";

export { freePort };
import { startLocalChain } from "./local-chain.ts";
import { stats, type Timing } from "./bench-ledger.ts";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
/** The records-page-only runs: 10 and 50 connections, BENCH_PAGE_SECONDS each (default 30). */
const PAGE_CLIENTS = [10, 50];
const PAGE_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 30);
const PATIENTS = 3;

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${what} exited with ${code}:\n${output.slice(-2000)}`)));
  });
}

interface Outcome {
  operation: string;
  ms: number;
  ok: boolean;
}

interface LoadFigure {
  requests: number;
  errors: number;
  perSecond: number;
  latencyMs: Timing & { p99: number };
  byOperation: Record<string, { requests: number; errors: number; p99: number }>;
  firstErrors: string[];
}

function summarise(outcomes: Outcome[], seconds: number, firstErrors: string[]): LoadFigure {
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const p99 = ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(0.99 * ms.length))] * 10) / 10 : 0;
  const byOperation: LoadFigure["byOperation"] = {};
  for (const name of new Set(outcomes.map((o) => o.operation))) {
    const mine = outcomes.filter((o) => o.operation === name);
    const sorted = mine.map((o) => o.ms).sort((a, b) => a - b);
    byOperation[name] = {
      requests: mine.length,
      errors: mine.filter((o) => !o.ok).length,
      p99: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] * 10) / 10,
    };
  }
  return {
    requests: outcomes.length,
    errors: outcomes.filter((o) => !o.ok).length,
    perSecond: Math.round(outcomes.length / seconds),
    latencyMs: { ...stats(ms.length ? ms : [0]), p99 },
    byOperation,
    firstErrors,
  };
}

/** Runs `clients` loops of `step` for `seconds`, printing progress every 10 s. */
async function drive(
  label: string,
  log: (message: string) => void,
  step: (client: number, iteration: number) => Promise<{ operation: string; ok: boolean; error?: string }>,
  clients = CLIENTS,
  seconds = SECONDS,
): Promise<LoadFigure> {
  const outcomes: Outcome[] = [];
  const firstErrors: string[] = [];
  const deadline = Date.now() + seconds * 1000;
  const progress = setInterval(
    () => log(`${label}: ${outcomes.length} requests, ${outcomes.filter((o) => !o.ok).length} errors so far`),
    10_000,
  );
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let iteration = 0; Date.now() < deadline; iteration++) {
        const started = performance.now();
        let result: { operation: string; ok: boolean; error?: string };
        try {
          result = await step(client, iteration);
        } catch (error) {
          result = { operation: "transport", ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        outcomes.push({ operation: result.operation, ms: performance.now() - started, ok: result.ok });
        if (!result.ok && firstErrors.length < 5) firstErrors.push(`${result.operation}: ${result.error ?? "error"}`);
      }
    }),
  );
  clearInterval(progress);
  return summarise(outcomes, seconds, firstErrors);
}

async function post(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: { data?: unknown; errors?: { message: string }[] } }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { data?: unknown; errors?: { message: string }[] } };
}

/** The baseline server: the same chart page, straight from PostgreSQL. Runs in its own process, like the API. */
const BASELINE_SERVER = `
const http = require("node:http");
const { Pool } = require(process.env.PG_MODULE);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: "-c search_path=" + process.env.SCHEMA });
http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", async () => {
    try {
      const { patientId } = JSON.parse(body);
      const { rows } = await pool.query("SELECT id, resource_type, effective_at FROM record WHERE patient_id = $1 ORDER BY effective_at DESC NULLS LAST, id LIMIT 20", [patientId]);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: { records: rows } }));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("baseline ready"));
`;

export async function benchLoad(log: (message: string) => void): Promise<Record<string, unknown>> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: databaseUrl });
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  try {
    await admin.connect();
  } catch {
    log(`load: no PostgreSQL at ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}: skipped (set BENCH_DATABASE_URL)`);
    return { skipped: "no PostgreSQL reachable" };
  }
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-load-"));
  const children: ChildProcess[] = [];
  try {
    const chain = await startLocalChain({ port: await freePort(), stateFile: path.join(dataDir, "chain-state.json") });
    children.push(chain.process);
    const provider = await connectRpc(chain.url);
    const deploymentsFile = path.join(dataDir, "deployments.json");
    const deployment = await deployAndWrite(demoWallet(0, provider), deploymentsFile, () => undefined);
    await seedDemoRoles(deployment, demoWallet(0, provider), () => undefined);
    provider.destroy();

    const apiPort = await freePort();
    const api = spawn(process.execPath, [path.join(root, "api", "dist", "main.js")], {
      env: {
        ...process.env,
        // BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
        NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS ?? "",
        DATA_DIR: dataDir,
        PORT: String(apiPort),
        RPC_URL: chain.url,
        DEPLOYMENTS_FILE: deploymentsFile,
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        // All clients come from one address and share a few accounts: lift the per-caller limits for the run.
        RATE_LIMIT_REQUESTS_PER_MINUTE: "10000000",
        RATE_LIMIT_EXPENSIVE_PER_MINUTE: "10000000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(api);
    const url = (await waitForLine(api, /GraphQL ready at (\S+)/, "the API"))[1];
    api.stdout?.resume();
    api.stderr?.resume();

    const doctor = await signInWith(url, demoWallet(1));
    const fixtures = path.join(root, "test", "fixtures", "synthea");
    const files = readdirSync(fixtures)
      .filter((f) => f.endsWith(".json.gz"))
      .sort();
    const patients: { id: string; token: string }[] = [];
    for (let i = 0; i < PATIENTS; i++) {
      const bundle = JSON.parse(gunzipSync(readFileSync(path.join(fixtures, files[i]))).toString("utf8")) as object;
      const wallet = demoWallet(9 + i);
      const { importBundle } = await graphql<{ importBundle: { patientId: string } }>(
        url,
        "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
        { b: bundle, a: wallet.address },
        doctor,
      );
      patients.push({ id: importBundle.patientId, token: await signInWith(url, wallet) });
    }
    log(`load: ${PATIENTS} Synthea patients imported; ${CLIENTS} clients for ${SECONDS} s against MedLedger on PostgreSQL`);

    const PAGE =
      "query($p: ID!) { records(patientId: $p, purpose: TREAT, first: 20) { totalCount edges { node { id resourceType effectiveAt } } } }";
    const OWN = "query($p: ID!) { records(patientId: $p, first: 20) { edges { node { id resourceType } } } }";
    const LOG = "{ accessLog(first: 20) { edges { node { seq action decision } } } }";
    const CREATE = "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }";
    const baselinePort = await freePort();
    const baseline = spawn(process.execPath, ["-e", BASELINE_SERVER], {
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        PORT: String(baselinePort),
        DATABASE_URL: databaseUrl,
        SCHEMA: schema,
        PG_MODULE: path.join(root, "node_modules", "pg"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(baseline);
    await waitForLine(baseline, /baseline ready/, "the baseline server");
    const baselineUrl = `http://127.0.0.1:${baselinePort}/`;
    const plainPage = async (client: number, iteration: number) => {
      const patient = patients[(client + iteration) % patients.length];
      const { status, json } = await post(baselineUrl, { patientId: patient.id });
      return { operation: "chart page (plain SQL)", ok: status === 200 && !json.errors, error: json.errors?.[0]?.message };
    };
    const medledgerPage = async (client: number, iteration: number) => {
      const patient = patients[(client + iteration) % patients.length];
      const { status, json } = await post(url, { query: PAGE, variables: { p: patient.id } }, doctor);
      const ok = status === 200 && !json.errors?.length;
      return { operation: "chart page (doctor)", ok, error: ok ? undefined : `HTTP ${status} ${json.errors?.[0]?.message ?? ""}` };
    };
    // The consent-checked records page alone, at 10 and 50 connections, beside the same page from plain SQL.
    const pageOnly = [];
    for (const clients of PAGE_CLIENTS) {
      const mine = await drive(`page only, ${clients} connections (MedLedger)`, log, medledgerPage, clients, PAGE_SECONDS);
      const theirs = await drive(`page only, ${clients} connections (baseline)`, log, plainPage, clients, PAGE_SECONDS);
      const ratio = Math.round((mine.perSecond / Math.max(theirs.perSecond, 1)) * 100) / 100;
      log(
        `load: records page, ${clients} connections: ${mine.perSecond}/s vs baseline ${theirs.perSecond}/s (${ratio}×), p99 ${mine.latencyMs.p99} ms`,
      );
      pageOnly.push({ clients, seconds: PAGE_SECONDS, medledger: mine, baseline: theirs, ratio });
    }

    const medledger = await drive("load (MedLedger)", log, async (client, iteration) => {
      const patient = patients[(client + iteration) % patients.length];
      const roll = (client * 7919 + iteration * 104729) % 100;
      const [operation, query, variables, token] =
        roll < 60
          ? ["chart page (doctor)", PAGE, { p: patient.id }, doctor]
          : roll < 80
            ? ["access log (patient)", LOG, {}, patient.token]
            : roll < 90
              ? ["own records (patient)", OWN, { p: patient.id }, patient.token]
              : [
                  "create Observation (doctor)",
                  CREATE,
                  {
                    p: patient.id,
                    r: {
                      resourceType: "Observation",
                      status: "final",
                      code: { coding: [{ system: "http://loinc.org", code: "8867-4", display: "Heart rate" }] },
                      valueQuantity: { value: 60 + (iteration % 40), unit: "/min" },
                      effectiveDateTime: new Date().toISOString(),
                    },
                  },
                  doctor,
                ];
      const { status, json } = await post(url, { query, variables }, token as string);
      const ok = status === 200 && !json.errors?.length;
      return { operation: operation as string, ok, error: ok ? undefined : `HTTP ${status} ${json.errors?.[0]?.message ?? ""}` };
    });
    log(`load (MedLedger): ${medledger.requests} requests, ${medledger.errors} errors, p99 ${medledger.latencyMs.p99} ms`);

    const plain = await drive("load (baseline: HTTP + pg, no GraphQL/access/audit/crypto)", log, async (client, iteration) => {
      const patient = patients[(client + iteration) % patients.length];
      const { status, json } = await post(baselineUrl, { patientId: patient.id });
      return { operation: "chart page (plain SQL)", ok: status === 200 && !json.errors, error: json.errors?.[0]?.message };
    });
    log(`load (baseline): ${plain.requests} requests, ${plain.errors} errors, p99 ${plain.latencyMs.p99} ms`);
    return {
      database: "PostgreSQL",
      clients: CLIENTS,
      seconds: SECONDS,
      mix: "60% chart page (doctor, TREAT), 20% own access log, 10% own records, 10% createRecord",
      medledger,
      baseline: { what: "the chart page only, plain node:http + pg, same clients", ...plain },
      pageOnly,
    };
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      // A clean shutdown first (it writes a CPU profile when one was asked for), then no mercy.
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
