/**
 * `npm run research-index [-- --repair]`: recomputes every patient's research-index rows
 * (decision 0009) from their encrypted records and compares them with the stored ones,
 * reporting drift (patients whose rows differ, subjects missing or different, condition rows
 * missing or extra); `--repair` rewrites the rows that drifted. Read-only without `--repair`.
 *
 * It uses the API's own settings (DATABASE_URL and DATABASE_SCHEMA, or the PGlite database in
 * DATA_DIR; MASTER_KEY or the embedded key file). On PostgreSQL it runs beside live API
 * processes; the embedded PGlite database opens in one process only, so stop `npm start` first.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

import { root } from "./lib/contracts.ts";
import { exitOnError, UserFacingError } from "./lib/log.ts";

const require = createRequire(import.meta.url);
const api = (file: string) => require(path.join(root, "api", "dist", file));
const { loadLedgerConfig, redactUrl } = api("config/config.js");
const { openDatabase } = api("persistence/data-source.js");
const { TypeOrmRecordStore } = api("persistence/record.store.js");
const { TypeOrmResearchIndexStore } = api("persistence/research-index.store.js");
const { ResearchIndexer } = api("domain/research/research-indexer.js");
const { KeyRing } = api("crypto/key-ring.js");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repair: { type: "boolean", default: false } } });
  const { database, masterKey } = loadLedgerConfig();
  const where = database.kind === "postgres" ? redactUrl(database.url) : path.relative(root, database.dataDir);
  let dataSource;
  try {
    dataSource = await openDatabase(database);
  } catch (error) {
    throw new UserFacingError(
      `Cannot open the database ${where}: ${(error as Error).message}${database.kind === "pglite" ? " (is npm start still running on it?)" : ""}`,
    );
  }
  try {
    const indexer = new ResearchIndexer(
      new TypeOrmRecordStore(dataSource),
      new TypeOrmResearchIndexStore(dataSource),
      new KeyRing(masterKey),
    );
    const started = Date.now();
    const report = await indexer.check({
      repair: values.repair,
      onProgress: (done: number) => {
        const line = `research index: ${done} patient(s) checked, ${Math.round(done / Math.max((Date.now() - started) / 1000, 0.001))}/s`;
        if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
        else if (done % 10_000 < 200) process.stderr.write(`${line}\n`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    console.log(
      [
        `research index of ${where}: ${report.patients} patient(s) checked in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  drifted patients:      ${report.drifted}${report.examples.length ? ` (e.g. ${report.examples.slice(0, 5).join(", ")})` : ""}`,
        `  subjects missing:      ${report.missingSubjects}`,
        `  subjects different:    ${report.differentSubjects}`,
        `  condition rows missing: ${report.missingConditions}`,
        `  condition rows extra:   ${report.extraConditions}`,
        report.drifted === 0
          ? "✔ the index matches the ledger"
          : report.repaired
            ? "✔ repaired: the drifted rows were rewritten from the ledger"
            : "✖ drift found: run again with --repair to rewrite those rows",
      ].join("\n"),
    );
    process.exitCode = report.drifted > 0 && !report.repaired ? 2 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().catch(exitOnError);
