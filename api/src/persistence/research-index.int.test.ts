/**
 * The research index against its oracle, on the real database (PGlite, or DATABASE_URL): for
 * random populations (birth dates full and partial, genders, postal codes good, small-area and
 * unusable, deceased, conditions with several codings in several systems and every clinical
 * status) and random criteria and breakdowns, the SQL aggregate over rows written by
 * `researchEntry` gives exactly the cells that the TypeScript path gives (`factsOf` →
 * `meetsCriteria` → `tabulate`), and the catchment area is the same.
 */
import { randomBytes, randomUUID } from "node:crypto";

import fc from "fast-check";
import type { DataSource } from "typeorm";

import { KeyRing } from "../crypto/key-ring";
import { arrange, DIMENSIONS, tabulate, type Dimension } from "../domain/research/cohort";
import { ageOn, safeHarborZip3 } from "../domain/research/deidentify";
import { factsOf } from "../domain/research/population";
import { cohortQuery, researchEntry, type ResearchEntry } from "../domain/research/research-index";
import type { FhirResource } from "../domain/records/fhir";
import { createTestDatabase, type TestDatabase } from "../testing/test-environment";
import { encodeCriteria, meetsCriteria, type Sex, type StudyCriteria } from "../zk/eligibility-encoding";
import { openDatabase } from "./data-source";
import { applyResearchEntries, TypeOrmResearchIndexStore } from "./research-index.store";

const SNOMED = "http://snomed.info/sct";
const ICD10 = "http://hl7.org/fhir/sid/icd-10";
const LOINC = "http://loinc.org";
/** A small pool, so that criteria and people share codes often. */
const CODES = [
  { system: SNOMED, code: "44054006" },
  { system: SNOMED, code: "38341003" },
  { system: SNOMED, code: "195662009" },
  { system: ICD10, code: "E11.9" },
  { system: ICD10, code: "I10" },
  { system: LOINC, code: "44054006" }, // same code, a system credentials do not carry
];
const SEXES: Sex[] = ["female", "male", "other", "unknown"];
const ZIPS = ["02139", "02141", "10001", "03601", "9", "ABCDE", "  606 12", ""];

const birthDate = fc
  .tuple(fc.integer({ min: 1905, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.nat(9))
  .map(([y, m, d, shape]) => {
    const mm = String(m).padStart(2, "0");
    const dd = String(d).padStart(2, "0");
    return shape === 0 ? `${y}` : shape === 1 ? `${y}-${mm}` : `${y}-${mm}-${dd}`;
  });

const condition = fc.record({
  codings: fc.subarray(CODES, { minLength: 1, maxLength: 3 }),
  status: fc.constantFrom("active", "recurrence", "relapse", "inactive", "remission", "resolved", null),
  onset: fc.option(birthDate, { nil: null }),
});

const person = fc.record({
  birthDate: fc.option(birthDate, { freq: 8, nil: null }),
  gender: fc.option(fc.constantFrom(...SEXES), { freq: 6, nil: null }),
  zip: fc.option(fc.constantFrom(...ZIPS), { freq: 6, nil: null }),
  deceased: fc.boolean(),
  conditions: fc.array(condition, { maxLength: 5 }),
});

const criteria: fc.Arbitrary<StudyCriteria> = fc
  .record({
    // Wide windows and all sexes often, so that the condition predicates decide many cases.
    minAge: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 90 })),
    span: fc.oneof(fc.constant(110), fc.integer({ min: 0, max: 60 })),
    referenceDate: fc.constantFrom("2026-01-01", "2026-06-15", "2024-02-29"),
    sexes: fc.oneof(fc.constant(SEXES), fc.subarray(SEXES, { minLength: 1 })),
    zip3: fc.subarray(["021", "100", "036", "606"], { maxLength: 2 }),
    anyOf: fc.subarray(CODES, { maxLength: 2 }),
    noneOf: fc.subarray(CODES, { maxLength: 2 }),
  })
  .map(({ minAge, span, ...rest }) => ({ ...rest, minAge, maxAge: Math.min(minAge + span, 110) }));

const breakdown: fc.Arbitrary<Dimension[]> = fc.subarray([...DIMENSIONS]);

function resourcesOf(p: {
  birthDate: string | null;
  gender: Sex | null;
  zip: string | null;
  deceased: boolean;
  conditions: { codings: { system: string; code: string }[]; status: string | null; onset: string | null }[];
}): FhirResource[] {
  const patient: Record<string, unknown> = { resourceType: "Patient", id: randomUUID() };
  if (p.birthDate) patient.birthDate = p.birthDate;
  if (p.gender) patient.gender = p.gender;
  if (p.zip !== null) patient.address = [{ postalCode: p.zip }];
  if (p.deceased) patient.deceasedBoolean = true;
  const conditions = p.conditions.map((c) => {
    const resource: Record<string, unknown> = { resourceType: "Condition", id: randomUUID(), code: { coding: c.codings } };
    if (c.status) resource.clinicalStatus = { coding: [{ code: c.status }] };
    if (c.onset) resource.onsetDateTime = c.onset;
    return resource;
  });
  return [patient, ...conditions] as FhirResource[];
}

describe("research index: SQL aggregates agree with the TypeScript oracle", () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let index: TypeOrmResearchIndexStore;
  const keys = new KeyRing(randomBytes(32));

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase(db.database);
    index = new TypeOrmResearchIndexStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  /** Writes a population's patients, records and index rows (the rows as the write path computes them). */
  async function load(population: FhirResource[][]): Promise<string[]> {
    await dataSource.query(`DELETE FROM research_condition`);
    await dataSource.query(`DELETE FROM research_subject`);
    await dataSource.query(`DELETE FROM record`);
    await dataSource.query(`DELETE FROM patient`);
    const ids: string[] = [];
    const entries: ResearchEntry[] = [];
    for (const resources of population) {
      const patientId = randomUUID();
      ids.push(patientId);
      await dataSource.query(`INSERT INTO patient (id, wrapped_key, created_by) VALUES ($1, '\\x00', 'test')`, [patientId]);
      for (const resource of resources) {
        const recordId = randomUUID();
        await dataSource.query(
          `INSERT INTO record (id, patient_id, resource_type, fhir_id, author, current_version, lifecycle, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'test', 1, 'active', now(), now())`,
          [recordId, patientId, resource.resourceType, resource.id],
        );
        entries.push(researchEntry(keys, patientId, recordId, resource.resourceType, resource)!);
      }
    }
    await applyResearchEntries(dataSource.manager, entries, true);
    return ids;
  }

  it("gives the same cells as meetsCriteria + tabulate for random populations, criteria and breakdowns", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { maxLength: 60 }),
        fc.array(fc.tuple(criteria, breakdown), { minLength: 1, maxLength: 4 }),
        // Ages on leap days and the days around them too.
        fc.constantFrom("2026-03-10", "2024-02-29", "2025-02-28", "2027-03-01", "2028-02-29"),
        async (people, queries, today) => {
          const population = people.map(resourcesOf);
          const ids = await load(population);
          const facts = population.flatMap((resources, i) => factsOf(ids[i], resources, new Date(`${today}T12:00:00Z`)) ?? []);
          for (const [c, dims] of queries) {
            const encoded = encodeCriteria(c);
            const oracle = facts
              .filter((f) => meetsCriteria(f.attributes, encoded))
              .map((f) => ({ age: ageOn(f.birthDate, today), sex: f.sex, zip3: safeHarborZip3(f.postalCode) }));
            const sql = await index.tabulate(cohortQuery(keys, c, dims, today));
            expect(arrange(sql, dims)).toEqual(tabulate(oracle, dims));
          }
          expect(await index.catchment()).toEqual([...new Set(facts.map((f) => safeHarborZip3(f.postalCode)))].sort());
        },
      ),
      {
        numRuns: 100,
        // Always tried as well: births after the counting day (ageBand's negative bands), a leap-day birth,
        // birthdays exactly on band boundaries.
        examples: [
          [
            [
              { birthDate: "2025-01-01", gender: "female", zip: "02139", deceased: false, conditions: [] },
              { birthDate: "2008-02-29", gender: "male", zip: "10001", deceased: false, conditions: [] },
            ],
            [[{ minAge: 0, maxAge: 110, referenceDate: "2026-06-15", sexes: SEXES, zip3: [], anyOf: [], noneOf: [] }, ["ageBand"]]],
            "2024-02-29",
          ],
          [
            [
              { birthDate: "1996-03-10", gender: "female", zip: "02139", deceased: false, conditions: [] },
              { birthDate: "1936-03-10", gender: "male", zip: "10001", deceased: false, conditions: [] },
              { birthDate: "1936-03-11", gender: "male", zip: "10001", deceased: false, conditions: [] },
            ],
            [[{ minAge: 0, maxAge: 110, referenceDate: "2026-06-15", sexes: SEXES, zip3: [], anyOf: [], noneOf: [] }, ["ageBand"]]],
            "2026-03-10",
          ],
        ],
      },
    );
  }, 600_000);
});
