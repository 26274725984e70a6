/**
 * `npm run seed`: a synthetic population from the Synthea templates (ages from a pyramid,
 * regions, fresh ids, every date moved with the birth date), imported through a running API's
 * own import path.
 */
import { AGE_PYRAMID, loadTemplates, REGIONS, syntheticPatient } from "../scripts/lib/population";
import { loadLedgerConfig } from "../api/src/config/config";
import { openDatabase } from "../api/src/persistence/data-source";
import { DEMO, demoWallet, graphql, signIn } from "../api/src/testing/test-environment";
import { apiEnv, STATUS, tearDown, world, type Status, type World } from "./support/api-world";
import { runScript, startApiProcess } from "./support/fault-stack";
import { ROOT } from "./support/stack";

import path from "node:path";

jest.setTimeout(300_000);

const templates = loadTemplates(path.join(ROOT, "test", "fixtures", "synthea"));
const TODAY = new Date("2026-12-01T00:00:00Z");

type Resource = Record<string, unknown>;
const patientOf = (bundle: { entry: { resource: Resource }[] }) =>
  bundle.entry.find((e) => e.resource.resourceType === "Patient")!.resource as {
    id: string;
    birthDate: string;
    address: { postalCode: string }[];
  };

describe("the synthetic population", () => {
  const population = Array.from({ length: 600 }, (_, i) => syntheticPatient(templates, i, 7, TODAY));

  it("is the same for the same seed and new for another, with fresh ids for every patient", () => {
    expect(JSON.stringify(syntheticPatient(templates, 3, 7, TODAY))).toBe(JSON.stringify(population[3]));
    expect(patientOf(syntheticPatient(templates, 3, 8, TODAY)).id).not.toBe(patientOf(population[3]).id);
    expect(new Set(population.map((b) => patientOf(b).id)).size).toBe(600);
  });

  it("follows the age pyramid and the regions, and keeps every date out of the future", () => {
    const bands = Array<number>(10).fill(0);
    for (const bundle of population) {
      const age = (TODAY.getTime() - Date.parse(patientOf(bundle).birthDate)) / (365.25 * 86_400_000);
      bands[Math.min(9, Math.floor(age / 10))]++;
    }
    bands.forEach((count, band) => expect(Math.abs(count / 600 - AGE_PYRAMID[band])).toBeLessThan(0.05));
    const zip3s = new Set(population.map((b) => patientOf(b).address[0].postalCode.slice(0, 3)));
    expect([...zip3s].every((zip3) => REGIONS.some(([region]) => region === zip3))).toBe(true);
    for (const bundle of population.slice(0, 60)) {
      for (const [, day] of JSON.stringify(bundle).matchAll(/"(\d{4}-\d{2}-\d{2})(T[^"]*)?"/g))
        expect(Date.parse(`${day}T00:00:00Z`)).toBeLessThanOrEqual(TODAY.getTime());
    }
  });
});

describe("npm run seed against a running API", () => {
  let w: World | undefined;
  afterAll(() => tearDown(w));

  it("imports N patients through importBundle, with progress, and reports the counts", async () => {
    w = await world();
    w.api = startApiProcess(apiEnv(w, { ANCHOR_INTERVAL_SECONDS: "0" }));
    const url = await w.api.ready;
    const seed = runScript("seed.ts", ["--patients", "12", "--concurrency", "3"], { API_URL: url });
    expect(await seed.exited).toBe(0);
    const summary = JSON.parse(seed.output().trim().split("\n").at(-1)!) as { patients: number; records: number };
    expect(summary.patients).toBe(12);
    expect(summary.records).toBeGreaterThan(12 * 20);
    expect(seed.output()).toMatch(/seed: 12\/12 patients/);
    // Every imported record version waits for its anchor: the API holds exactly what the seed reported.
    const admin = await signIn(url, demoWallet(DEMO.admin));
    const { data } = await graphql<Status>(url, STATUS, {}, admin);
    expect(data!.anchoringStatus.pendingRecordVersions).toBe(summary.records);
    await expect(runScript("seed.ts", ["--patients", "0"], { API_URL: url }).exited).resolves.toBe(1);

    // The research index was written with every import: the check recomputes it from the ledger
    // and finds no drift; a tampered row is reported (exit 2) and repaired with --repair.
    await w.api.stop("SIGINT");
    w.api = undefined;
    const env = Object.fromEntries(Object.entries(apiEnv(w)).filter((e): e is [string, string] => e[1] !== undefined));
    const check = async (args: string[] = []) => {
      const run = runScript("research-index.ts", args, env);
      return { code: await run.exited, output: run.output() };
    };
    const clean = await check();
    expect(clean.output).toMatch(/12 patient\(s\) checked/);
    expect(clean.output).toMatch(/matches the ledger/);
    expect(clean.code).toBe(0);
    const dataSource = await openDatabase(loadLedgerConfig(env).database);
    await dataSource.query(
      `UPDATE research_subject SET sex = 'other', zip3 = '999' WHERE patient_id = (SELECT min(id::text)::uuid FROM patient)`,
    );
    await dataSource.destroy();
    const drifted = await check();
    expect(drifted.output).toMatch(/drifted patients: +1/);
    expect(drifted.code).toBe(2);
    expect((await check(["--repair"])).code).toBe(0);
    expect(await check()).toMatchObject({ code: 0, output: expect.stringMatching(/matches the ledger/) });
  });
});
