/**
 * `npm run seed -- --patients N [--seed S] [--concurrency C]`: builds a synthetic population of
 * N patients (scripts/lib/population.ts: the 45 Synthea bundles as templates, an age/sex
 * pyramid, regions, fresh ids and names) and imports it into a running MedLedger through the
 * API's own import path (`importBundle`, as demo doctor 1: the same validation, encryption,
 * audit and indexing as any import), C bundles at a time, with progress on stderr.
 *
 *   npm start                      # in another terminal
 *   npm run seed -- --patients 1000
 *
 * API_URL (default http://localhost:4000/graphql) names the API. Development only: it signs in
 * with a demo key.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { demoWallet, root } from "./lib/contracts.ts";
import { graphql, signInWith } from "./lib/graphql-client.ts";
import { exitOnError, UserFacingError } from "./lib/log.ts";
import { loadTemplates, syntheticPatient } from "./lib/population.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { patients: { type: "string" }, seed: { type: "string", default: "1" }, concurrency: { type: "string", default: "4" } },
  });
  const patients = Number(values.patients);
  const seed = Number(values.seed);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(patients) || patients < 1) throw new UserFacingError("--patients N: how many patients to create (N ≥ 1)");
  if (!Number.isInteger(seed) || seed < 0) throw new UserFacingError("--seed S: a whole number (the same seed gives the same population)");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UserFacingError("--concurrency C: 1 to 32");
  const url = process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 4000}/graphql`;
  const templates = loadTemplates(path.join(root, "test", "fixtures", "synthea"));
  const doctor = await signInWith(url, demoWallet(1));

  const started = Date.now();
  let next = 0;
  let done = 0;
  let resources = 0;
  const progress = (final = false): void => {
    const seconds = (Date.now() - started) / 1000;
    const rate = resources / Math.max(seconds, 0.001);
    const eta = done ? ((patients - done) * seconds) / done : 0;
    const line = `seed: ${done}/${patients} patients, ${resources} records, ${Math.round(rate)} records/s${final ? "" : `, about ${Math.ceil(eta)} s left`}`;
    if (process.stderr.isTTY && !final) process.stderr.write(`\r${line}   `);
    else if (final || done % 25 === 0) process.stderr.write(`${process.stderr.isTTY ? "\r" : ""}${line}\n`);
  };
  const worker = async (): Promise<void> => {
    for (let index = next++; index < patients; index = next++) {
      const { importBundle } = await graphql<{ importBundle: { created: number } }>(
        url,
        "mutation($b: JSONObject!) { importBundle(bundle: $b) { created } }",
        { b: syntheticPatient(templates, index, seed) },
        doctor,
      );
      resources += importBundle.created;
      done++;
      progress();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, patients) }, worker));
  progress(true);
  // The summary for scripts: counts only, no patient data.
  console.log(JSON.stringify({ patients: done, records: resources, seconds: Math.round((Date.now() - started) / 100) / 10 }));
}

main().catch(exitOnError);
