/**
 * Private-ledger benchmarks through the compiled API's domain and persistence code (api/dist)
 * on an embedded PGlite in a temporary folder: bundle import, record listing, export,
 * access-log appends and Merkle batches; research: a cohort count over every imported patient
 * and k-anonymisation of a large release. No chain: anchoring is timed up to the root.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { getAddress } from "ethers";

import { demoWallet, root } from "./contracts.ts";

const require = createRequire(import.meta.url);
const dist = (module: string) => require(path.join(root, "api", "dist", module));

/** The inflated proving key of a circuit, read as the API reads it. */
export const provingKey = (artifactsDir: string, circuit: string): Uint8Array =>
  dist("zk/circuit-artifacts.js").provingKey(artifactsDir, circuit);

export interface Timing {
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(sorted[0]), max: round(sorted.at(-1)!) };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function benchLedger(log: (message: string) => void, runs: number): Promise<Record<string, unknown>> {
  const { openDatabase } = dist("persistence/data-source.js");
  const { TypeOrmRecordStore } = dist("persistence/record.store.js");
  const { TypeOrmAccessLogStore } = dist("persistence/access-log.store.js");
  const { TypeOrmConsentStore } = dist("persistence/consent.store.js");
  const { AccessLog } = dist("domain/access/access-log.js");
  const { KeyRing } = dist("crypto/key-ring.js");
  const { ClinicalRepository } = dist("domain/records/clinical-repository.js");
  const { AnchorService } = dist("domain/anchoring/anchor.service.js");
  const { TypeOrmAnchorStore } = dist("persistence/anchor.store.js");

  const dataDir = mkdtempSync(path.join(tmpdir(), "medledger-bench-"));
  const dataSource = await openDatabase({ kind: "pglite", dataDir });
  try {
    const store = new TypeOrmRecordStore(dataSource);
    const accessLog = new AccessLog(new TypeOrmAccessLogStore(dataSource));
    const noChain = { anchorRoot: () => Promise.reject(new Error("no chain")), anchoredRoot: () => Promise.resolve(null) };
    const deps = {
      store,
      keys: new KeyRing(randomBytes(32)),
      accessLog,
      facts: async (patientId: string, actor: string) => ({
        consents: [],
        breakGlass: [],
        authors: (await store.hasAuthored(patientId, actor)) ? [actor] : [],
      }),
      careRelationships: (doctor: string, after: string | null, limit: number, at: Date) =>
        new TypeOrmConsentStore(dataSource).careRelationships(doctor, after, limit, at),
      clock: () => new Date(),
      checksum: getAddress,
      anchors: new AnchorService(new TypeOrmAnchorStore(dataSource), noChain, {
        batchSize: 1024,
        settleSeconds: 0,
        minBatch: 1,
        maxWaitSeconds: 0,
      }),
    };
    const doctor = { address: demoWallet(1).address, roles: new Set(["doctor"]) };
    const repository = () => new ClinicalRepository(deps, doctor);

    const dir = path.join(root, "test", "fixtures", "synthea");
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json.gz"))
      .sort();
    let resources = 0;
    let largest = { patientId: "", records: 0 };
    const importStarted = performance.now();
    for (const [i, file] of files.entries()) {
      const bundle = JSON.parse(gunzipSync(readFileSync(path.join(dir, file))).toString("utf8"));
      const result = await repository().importBundle(bundle, null);
      resources += result.created;
      if (result.created > largest.records) largest = { patientId: result.patientId, records: result.created };
      if ((i + 1) % 15 === 0) log(`ledger: imported ${i + 1}/${files.length} bundles`);
    }
    const importSeconds = (performance.now() - importStarted) / 1000;
    log(`ledger: ${resources} resources from ${files.length} bundles in ${importSeconds.toFixed(1)} s`);

    const list: number[] = [];
    const firstOne: number[] = [];
    const walk: number[] = [];
    const exportTimes: number[] = [];
    // Every page through the whole chart, 20 at a time, with the keyset cursor.
    const walkChart = async (): Promise<void> => {
      let after: string | null = null;
      do {
        const page: { endCursor: string | null; hasNextPage: boolean } = await repository().listRecords(
          largest.patientId,
          {},
          "TREAT",
          20,
          after,
        );
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
    };
    for (let run = 0; run <= runs; run++) {
      const [, listMs] = await timed(() =>
        repository().listRecords(largest.patientId, { resourceTypes: ["Observation"] }, "TREAT", 50, null),
      );
      const [, oneMs] = await timed(() => repository().listRecords(largest.patientId, {}, "TREAT", 1, null));
      const [, walkMs] = await timed(walkChart);
      // The baseline: decrypting the whole chart (what every page cost before indexed records).
      const [, exportMs] = await timed(() => repository().exportPatient(largest.patientId, "TREAT"));
      if (run > 0) {
        list.push(listMs);
        firstOne.push(oneMs);
        walk.push(walkMs);
        exportTimes.push(exportMs);
      }
    }
    log(
      `ledger: ${largest.records}-record patient: first 50 observations ${stats(list).median} ms, first record ${stats(firstOne).median} ms, ` +
        `every page of 20 ${stats(walk).median} ms; decrypting the whole chart (baseline) ${stats(exportTimes).median} ms`,
    );

    const chartSizes = await benchChartSizes(repository, files, dir, log, runs);

    const appends = 500;
    const [, appendMs] = await timed(async () => {
      for (let i = 0; i < appends; i++) {
        await accessLog.record({
          actor: doctor.address,
          patientId: largest.patientId,
          recordId: null,
          action: "bench",
          purpose: "TREAT",
          decision: "ALLOW",
          reason: "bench",
        });
      }
    });
    const [verified, verifyMs] = await timed<{ checked: number }>(() => accessLog.verify());

    const leaves = Array.from({ length: 1024 }, (_, i) => [String(i + 1), `0x${randomBytes(32).toString("hex")}`]);
    const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");
    const [, treeMs] = await timed(async () => StandardMerkleTree.of(leaves, ["uint256", "bytes32"]));

    const research = await benchResearch(store, deps.keys, log, runs);

    return {
      research,
      import: {
        bundles: files.length,
        resources,
        seconds: Math.round(importSeconds * 10) / 10,
        resourcesPerSecond: Math.round(resources / importSeconds),
      },
      listObservationsFirst50Ms: { patientRecords: largest.records, ...stats(list) },
      listFirstRecordMs: { patientRecords: largest.records, ...stats(firstOne) },
      pageWholeChartBy20Ms: { patientRecords: largest.records, pages: Math.ceil(largest.records / 20), ...stats(walk) },
      exportPatientMs: { patientRecords: largest.records, ...stats(exportTimes) },
      accessLogAppend: { entries: appends, perSecond: Math.round(appends / (appendMs / 1000)) },
      accessLogVerify: { entries: verified.checked, ms: Math.round(verifyMs) },
      merkleTree1024LeavesMs: Math.round(treeMs),
      chartSizes,
    };
  } finally {
    await dataSource.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A patient with `size` records: the template's Patient and `size` copies of one Observation, a day apart. */
function chartOf(template: { entry: { resource: Record<string, unknown> }[] }, size: number): unknown {
  const patient = template.entry.find((e) => e.resource.resourceType === "Patient")!.resource;
  const observation = template.entry.find((e) => e.resource.resourceType === "Observation")!.resource;
  const day = 86_400_000;
  const start = Date.UTC(2000, 0, 1);
  return {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      { resource: { ...patient, id: randomUUID() } },
      ...Array.from({ length: size }, (_, i) => ({
        resource: { ...observation, id: randomUUID(), effectiveDateTime: new Date(start + i * day).toISOString(), issued: undefined },
      })),
    ],
  };
}

/**
 * Page latency against chart size: patients with 100, 1,000 and 10,000 records; the first page
 * of 20 observations and a page deep in the chart (after a cursor near its end), beside
 * decrypting the whole chart (what every page cost before indexed records).
 */
async function benchChartSizes(
  repository: () => any, // eslint-disable-line @typescript-eslint/no-explicit-any
  files: string[],
  dir: string,
  log: (message: string) => void,
  runs: number,
): Promise<Record<string, unknown>[]> {
  const template = JSON.parse(gunzipSync(readFileSync(path.join(dir, files[0]))).toString("utf8"));
  const results: Record<string, unknown>[] = [];
  for (const size of [100, 1_000, 10_000]) {
    const { patientId } = await repository().importBundle(chartOf(template, size), null);
    // A cursor near the end of the chart, found once (not timed).
    let after: string | null = null;
    for (let seen = 0; seen < size - 40; seen += 500) {
      const page: { endCursor: string | null } = await repository().listRecords(patientId, {}, "TREAT", 500, after);
      after = page.endCursor;
    }
    const first: number[] = [];
    const deep: number[] = [];
    const whole: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const [, firstMs] = await timed(() => repository().listRecords(patientId, { resourceTypes: ["Observation"] }, "TREAT", 20, null));
      const [, deepMs] = await timed(() => repository().listRecords(patientId, {}, "TREAT", 20, after));
      const [, wholeMs] = await timed(() => repository().exportPatient(patientId, "TREAT"));
      if (run > 0) {
        first.push(firstMs);
        deep.push(deepMs);
        whole.push(wholeMs);
      }
    }
    results.push({ records: size + 1, firstPageMs: stats(first), deepPageMs: stats(deep), wholeChartMs: stats(whole) });
    log(
      `ledger: ${size + 1}-record chart: first page ${stats(first).median} ms, page near the end ${stats(deep).median} ms, whole chart ${stats(whole).median} ms`,
    );
  }
  return results;
}

/** A valid eligibility circuit input (a signed credential meeting a study's criteria), built with the API's encoding. */
export async function eligibilityExample(): Promise<Record<string, bigint | bigint[]>> {
  const encoding = dist("zk/eligibility-encoding.js");
  const { buildEddsa, buildPoseidon } = require("circomlibjs");
  const built = await buildPoseidon();
  const poseidon = (inputs: bigint[]): bigint => built.F.toObject(built(inputs));
  const eddsa = await buildEddsa();
  const key = Buffer.from("05".repeat(32), "hex");
  const today = encoding.dayNumber(new Date());
  const condition = encoding.encodeCondition("http://snomed.info/sct", "44054006");
  const attributes = {
    birthDays: encoding.dayNumber("1970-05-05"),
    sex: encoding.SEX_CODES.female,
    region: encoding.regionOfZip("02139"),
    conditions: [condition],
    issuedDays: today - 1,
    expiresDays: today + 365,
    commitment: poseidon([42n]),
  };
  const criteria = {
    ...encoding.ageWindow(40, 65, new Date().toISOString().slice(0, 10)),
    sexMask: encoding.sexMask(["female"]),
    regions: [encoding.regionOfZip("02139")],
    required: [condition],
    excluded: [],
  };
  const pub = eddsa.prv2pub(key);
  const signature = eddsa.signPoseidon(key, eddsa.F.e(encoding.credentialMessage(poseidon, attributes)));
  const credential = {
    ...attributes,
    issuerPublicKey: [eddsa.F.toObject(pub[0]), eddsa.F.toObject(pub[1])],
    signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
  };
  return encoding.eligibilityInput(poseidon, credential, 42n, criteria, 1n, today);
}

/** A cohort count's own work (decrypt every patient's Patient and Conditions, match, tabulate, suppress) and k-anonymity at scale. */
async function benchResearch(
  store: unknown,
  keys: unknown,
  log: (message: string) => void,
  runs: number,
): Promise<Record<string, unknown>> {
  const { SystemRecordReader } = dist("domain/records/system-reader.js");
  const { readFacts } = dist("domain/research/population.js");
  const { tabulate, protect } = dist("domain/research/cohort.js");
  const { kAnonymise, safeHarborZip3, ageOn } = dist("domain/research/deidentify.js");
  const { encodeCriteria, meetsCriteria } = dist("zk/eligibility-encoding.js");
  const reader = new SystemRecordReader(store, keys);
  const today = new Date();
  const day = today.toISOString().slice(0, 10);
  const criteria = encodeCriteria({
    minAge: 18,
    maxAge: 100,
    referenceDate: day,
    sexes: ["female", "male", "other", "unknown"],
    zip3: [],
    anyOf: [],
    noneOf: [],
  });
  const counts: number[] = [];
  let patients = 0;
  for (let run = 0; run <= runs; run++) {
    const [, ms] = await timed(async () => {
      const facts = await readFacts(reader, await reader.patientIds(), today);
      patients = facts.length;
      const people = facts
        .filter((f: { attributes: unknown }) => meetsCriteria(f.attributes, criteria))
        .map((f: { birthDate: string; sex: string; postalCode: string }) => ({
          age: ageOn(f.birthDate, day),
          sex: f.sex,
          zip3: safeHarborZip3(f.postalCode),
        }));
      return protect(tabulate(people, ["ageBand", "sex", "region"]), people.length, 11);
    });
    if (run > 0) counts.push(ms);
  }
  log(`research: cohort count over ${patients} patients, median ${stats(counts).median} ms`);
  const bands = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"];
  // A fixed pseudo-random population (same numbers every run), regions skewed like real catchment areas.
  let seed = 42;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = Array.from({ length: 10_000 }, (_, i) => ({
    participant: String(i),
    ageBand: bands[Math.floor(next() * bands.length)],
    sex: next() < 0.5 ? "male" : "female",
    region: String(100 + Math.floor(next() ** 2 * 900)),
  }));
  const [anonymous, kMs] = await timed(async () => kAnonymise(rows, 11));
  log(`research: k-anonymised 10,000 rows in ${Math.round(kMs)} ms (${anonymous.generalisation}, k ${anonymous.achievedK})`);
  return {
    cohortCountMs: { patients, ...stats(counts) },
    kAnonymise10000RowsMs: Math.round(kMs),
    kAnonymiseResult: {
      achievedK: anonymous.achievedK,
      suppressedRows: anonymous.suppressedRows,
      generalisation: anonymous.generalisation,
    },
  };
}
