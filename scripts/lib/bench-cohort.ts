/**
 * Cohort counts at hospital scale: the research index (decision 0009) of a synthetic
 * population grown to each size of BENCH_COHORT_SIZES (default 10,000 and 100,000;
 * BENCH_COHORT_MILLION=1 adds 1,000,000) in a fresh schema of BENCH_DATABASE_URL (default
 * the local postgres database), and per size and query the p50 of what cohortCount runs
 * (TypeOrmResearchIndexStore.tabulate over cohortQuery, then the cells arranged and
 * suppressed) beside hand-written SQL for the same criteria, in the same run.
 *
 * The population is written straight into the index tables with generate_series (an age
 * pyramid, sexes, 40 ZIP3 areas weighted towards a few, conditions with realistic prevalence,
 * 85 % of them active), because building a million patients through the import path takes
 * hours; the write path is measured by the import benchmarks, and the index rows have exactly
 * the shapes the write path gives (codes through the same keyed blind index).
 */
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import path from "node:path";

import pg from "pg";

import { root } from "./contracts.ts";
import { stats, type Timing } from "./bench-ledger.ts";

const require = createRequire(import.meta.url);
const dist = (module: string) => require(path.join(root, "api", "dist", module));

const SNOMED = "http://snomed.info/sct";
/** Codes and the share of patients who have them (US adult prevalence, rounded). */
const PREVALENCE: [string, number][] = [
  ["59621000", 0.3], // essential hypertension
  ["55822004", 0.25], // hyperlipidaemia
  ["162864005", 0.2], // obesity (BMI 30+)
  ["15777000", 0.15], // prediabetes
  ["44054006", 0.1], // type 2 diabetes
  ["195967001", 0.08], // asthma
  ["35489007", 0.07], // depression
  ["197480006", 0.06], // anxiety disorder
  ["40055000", 0.05], // chronic sinusitis
  ["53741008", 0.05], // coronary heart disease
  ["13645005", 0.04], // COPD
  ["69896004", 0.03], // rheumatoid arthritis
  ["230690007", 0.02], // stroke
  ["254837009", 0.015], // breast cancer
  ["363406005", 0.01], // colon cancer
  ["254637007", 0.005], // non-small cell lung cancer
];
/** ZIP3 areas of the catchment, the first ones most common. */
const ZIP3 = Array.from({ length: 40 }, (_, i) => String(100 + i * 17).padStart(3, "0"));

export interface CohortQuerySpec {
  name: string;
  criteria: Record<string, unknown>;
  breakdown: string[];
  /** The same criteria as a DBA would write them by hand ($1 today, $2/$3 code keys). */
  handSql: string;
}

function queries(today: string): CohortQuerySpec[] {
  const everyone = { referenceDate: today, sexes: ["female", "male", "other", "unknown"], zip3: [], anyOf: [], noneOf: [] };
  const band = `CASE WHEN age >= 90 THEN '90+' ELSE (age / 10 * 10) || '-' || (age / 10 * 10 + 9) END`;
  const ages = `date_part('year', age($1::date, birth_date))::int AS age`;
  return [
    {
      name: "adults by age band and sex",
      criteria: { ...everyone, minAge: 18, maxAge: 100 },
      breakdown: ["ageBand", "sex"],
      handSql: `SELECT ${band} AS band, sex, count(*) FROM (
          SELECT ${ages}, sex FROM research_subject
          WHERE birth_date > ($1::date - interval '101 years') AND birth_date <= ($1::date - interval '18 years')) t
        GROUP BY 1, 2`,
    },
    {
      name: "type 2 diabetes 40-75, no lung cancer, 3-way breakdown",
      criteria: {
        ...everyone,
        minAge: 40,
        maxAge: 75,
        anyOf: [{ system: SNOMED, code: "44054006" }],
        noneOf: [{ system: SNOMED, code: "254637007" }],
      },
      breakdown: ["ageBand", "sex", "region"],
      handSql: `SELECT ${band} AS band, sex, zip3, count(*) FROM (
          SELECT ${ages}, sex, zip3 FROM research_subject s
          WHERE birth_date > ($1::date - interval '76 years') AND birth_date <= ($1::date - interval '40 years')
            AND EXISTS (SELECT 1 FROM research_condition c WHERE c.patient_id = s.patient_id AND c.active AND c.code_key = $2)
            AND NOT EXISTS (SELECT 1 FROM research_condition c WHERE c.patient_id = s.patient_id AND c.active AND c.code_key = $3)) t
        GROUP BY 1, 2, 3`,
    },
    {
      name: "women 50-74 in one region (screening)",
      criteria: { ...everyone, minAge: 50, maxAge: 74, sexes: ["female"], zip3: [ZIP3[0]] },
      breakdown: [],
      handSql: `SELECT count(*) FROM research_subject
        WHERE birth_date > ($1::date - interval '75 years') AND birth_date <= ($1::date - interval '50 years')
          AND sex = 'female' AND region = ${Number(ZIP3[0]) + 1}`,
    },
  ];
}

/** Grows the synthetic population by `count` patients (in chunks, with progress). */
async function grow(client: pg.Client, count: number, codeKeys: string[], log: (message: string) => void): Promise<void> {
  const chunk = 100_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE fresh ON COMMIT DROP AS
      SELECT gen_random_uuid() AS id, random() AS ra, random() AS rs, random() AS rz, random() AS rd FROM generate_series(1, ${n})`);
    await client.query(`INSERT INTO patient (id, wrapped_key, created_by) SELECT id, '\\x00'::bytea, 'bench' FROM fresh`);
    // Ages: a pyramid (more young than old) up to 100; ZIP3: squared uniform, so the first areas are the big ones.
    await client.query(
      `INSERT INTO research_subject (patient_id, birth_date, birth_days, sex, region, zip3, deceased)
       SELECT id, b, b - date '1900-01-01',
         CASE WHEN rs < 0.49 THEN 'female' WHEN rs < 0.98 THEN 'male' WHEN rs < 0.99 THEN 'other' ELSE 'unknown' END,
         ($1::text[])[1 + floor(rz * rz * 40)::int]::int + 1, ($1::text[])[1 + floor(rz * rz * 40)::int], rd < 0.04
       FROM (SELECT *, (current_date - floor(power(ra, 1.2) * 100 * 365.25)::int) AS b FROM fresh) f`,
      [ZIP3],
    );
    await client.query(
      `CREATE TEMP TABLE fresh_condition ON COMMIT DROP AS
       SELECT gen_random_uuid() AS record_id, patient_id, key, random() < 0.85 AS active
       FROM (SELECT f.id AS patient_id, c.key, c.prevalence, random() AS draw
             FROM fresh f CROSS JOIN unnest($1::text[], $2::float8[]) AS c(key, prevalence)
             OFFSET 0) pairs -- OFFSET 0: one draw per patient and code, not one per code
       WHERE draw < prevalence`,
      [codeKeys, PREVALENCE.map(([, p]) => p)],
    );
    await client.query(`INSERT INTO record (id, patient_id, resource_type, fhir_id, author, current_version, lifecycle, created_at, updated_at)
      SELECT record_id, patient_id, 'Condition', record_id::text, 'bench', 1, 'active', now(), now() FROM fresh_condition`);
    await client.query(
      `INSERT INTO research_condition (record_id, patient_id, code_system, code_key, active, onset)
       SELECT record_id, patient_id, $1, key, active, current_date - 365 FROM fresh_condition`,
      [SNOMED],
    );
    await client.query("COMMIT");
    log(`cohort: population +${done + n}/${count}`);
  }
  await client.query("VACUUM ANALYZE research_subject");
  await client.query("VACUUM ANALYZE research_condition");
}

export interface CohortMeasure {
  patients: number;
  query: string;
  breakdown: string[];
  cohort: number;
  cells: number;
  indexMs: Timing;
  handSqlMs: Timing;
  ratio: number;
}

export async function benchCohort(log: (message: string) => void, runs: number): Promise<Record<string, unknown>> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const sizes = (process.env.BENCH_COHORT_SIZES ?? "10000,100000").split(",").map(Number);
  if (process.env.BENCH_COHORT_MILLION === "1" && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  const admin = new pg.Client({ connectionString: databaseUrl });
  try {
    await admin.connect();
  } catch {
    log(`cohort: no PostgreSQL at ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}: skipped (set BENCH_DATABASE_URL)`);
    return { skipped: "no PostgreSQL reachable" };
  }
  const schema = `bench_cohort_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const { openDatabase } = dist("persistence/data-source.js");
  const { TypeOrmResearchIndexStore } = dist("persistence/research-index.store.js");
  const { cohortQuery } = dist("domain/research/research-index.js");
  const { arrange, protect } = dist("domain/research/cohort.js");
  const { KeyRing } = dist("crypto/key-ring.js");
  const dataSource = await openDatabase({ kind: "postgres", url: databaseUrl, schema });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  try {
    const keys = new KeyRing(randomBytes(32));
    const codeKeys = PREVALENCE.map(([code]) => keys.conditionKey(SNOMED, code) as string);
    const store = new TypeOrmResearchIndexStore(dataSource);
    const today = new Date().toISOString().slice(0, 10);
    const measures: CohortMeasure[] = [];
    let population = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      await grow(client, size - population, codeKeys, log);
      population = size;
      for (const spec of queries(today)) {
        const indexed: number[] = [];
        const hand: number[] = [];
        let cohort = 0;
        let cells = 0;
        // Alternate the two, so that neither gets a warmer cache; the first round is a warm-up.
        for (let run = 0; run <= runs; run++) {
          let started = performance.now();
          const counts = await store.tabulate(cohortQuery(keys, spec.criteria, spec.breakdown, today));
          const total = counts.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
          const table = protect(arrange(counts, spec.breakdown), total, 11);
          const indexMs = performance.now() - started;
          started = performance.now();
          const handRows = await client.query(
            spec.handSql,
            [today, codeKeys[4], codeKeys[15]].slice(0, spec.handSql.includes("$3") ? 3 : 1),
          );
          const handMs = performance.now() - started;
          const handTotal = handRows.rows.reduce((sum: number, r: { count: string }) => sum + Number(r.count), 0);
          if (handTotal !== total) throw new Error(`${spec.name}: the index counts ${total}, the hand-written SQL ${handTotal}`);
          cohort = total;
          cells = table.cells.length;
          if (run > 0) {
            indexed.push(indexMs);
            hand.push(handMs);
          }
        }
        const measure: CohortMeasure = {
          patients: size,
          query: spec.name,
          breakdown: spec.breakdown,
          cohort,
          cells,
          indexMs: stats(indexed),
          handSqlMs: stats(hand),
          ratio: Math.round((stats(indexed).median / stats(hand).median) * 100) / 100,
        };
        measures.push(measure);
        log(
          `cohort: ${size} patients, ${spec.name}: ${measure.indexMs.median} ms (hand SQL ${measure.handSqlMs.median} ms, ${measure.ratio}×), cohort ${cohort}`,
        );
      }
    }
    const [{ conditions }] = (await client.query(`SELECT count(*)::int AS conditions FROM research_condition`)).rows as {
      conditions: number;
    }[];
    return { database: "PostgreSQL", runs, conditionRows: conditions, measures };
  } finally {
    await client.end();
    await dataSource.destroy();
    if (process.env.BENCH_COHORT_KEEP === "1") log(`cohort: schema ${schema} kept for profiling (BENCH_COHORT_KEEP=1)`);
    else await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }
}
