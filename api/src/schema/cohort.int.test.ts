/**
 * Cohort counts over HTTP on imported Synthea patients: suppression on real data, and a study
 * with a differential-privacy budget — noisy answers, cached repeats, spend never past the
 * budget (also under concurrent queries), refusals audited.
 */
import { KeyRing } from "../crypto/key-ring";
import { ResearchIndexer } from "../domain/research/research-indexer";
import { TypeOrmRecordStore } from "../persistence/record.store";
import { TypeOrmResearchIndexStore } from "../persistence/research-index.store";
import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  studyProposal,
  syntheaBundle,
  syntheaFiles,
  testConfig,
  type TestDatabase,
} from "../testing/test-environment";

const COUNT = `query($s: String!, $b: [CohortDimension!]!, $e: Float) {
  cohortCount(studyId: $s, breakdown: $b, epsilon: $e) {
    total { value suppressed }
    cells { sex ageBand region count { value suppressed } }
    suppressedCells cached
    privacy { mechanism epsilon budget spent remaining }
  }
}`;

interface Answer {
  total: { value: number | null; suppressed: boolean };
  cells: { sex: string | null; ageBand: string | null; region: string | null; count: { value: number | null; suppressed: boolean } }[];
  suppressedCells: number;
  cached: boolean;
  privacy: { mechanism: string; epsilon: number; budget: number; spent: number; remaining: number } | null;
}

describe("cohort counts over HTTP", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let researcher: string;
  let doctor: string;
  let masterKey: Buffer;
  let plainStudy = "";
  let dpStudy = "";
  const everyone = {
    minAge: 0,
    maxAge: 120,
    referenceDate: new Date().toISOString().slice(0, 10),
    sexes: ["female", "male", "other", "unknown"],
    zip3: [],
    anyOf: [],
    noneOf: [],
  };
  const QUOTE = `query($s: String!, $b: [CohortDimension!]!, $e: Float) {
    cohortQuote(studyId: $s, breakdown: $b, epsilon: $e) { cost cached budget spent remaining fits }
  }`;
  type Quote = { cost: number; cached: boolean; budget: number | null; spent: number; remaining: number | null; fits: boolean };
  const quote = (studyId: string, breakdown: string[], epsilon?: number, token: string | null = researcher) =>
    graphql<{ cohortQuote: Quote }>(api.url, QUOTE, { s: studyId, b: breakdown, e: epsilon ?? null }, token ?? undefined);
  const count = (studyId: string, breakdown: string[], epsilon?: number) =>
    graphql<{ cohortCount: Answer }>(api.url, COUNT, { s: studyId, b: breakdown, e: epsilon ?? null }, researcher);
  const propose = async (overrides: Record<string, unknown>) => {
    const result = await graphql<{ proposeStudy: { studyId: string } }>(
      api.url,
      "mutation($i: StudyProposalInput!) { proposeStudy(input: $i) { studyId } }",
      { i: studyProposal(everyone, overrides) },
      researcher,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.proposeStudy.studyId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.database);
    masterKey = config.masterKey;
    api = await startApi(config);
    researcher = await signIn(api.url, demoWallet(DEMO.researcher));
    doctor = await signIn(api.url, demoWallet(DEMO.doctorA));
    for (const file of syntheaFiles().slice(0, 20)) {
      const imported = await graphql(
        api.url,
        "mutation($b: JSONObject!) { importBundle(bundle: $b) { patientId } }",
        { b: syntheaBundle(file) },
        doctor,
      );
      expect(imported.errors).toBeUndefined();
    }
    plainStudy = await propose({ minCohortSize: 5 });
    dpStudy = await propose({ minCohortSize: 5, dpBudget: 0.3 });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  it("counts all 20 patients and suppresses small cells with their complements", async () => {
    const total = await count(plainStudy, []);
    expect(total.data!.cohortCount).toMatchObject({ total: { value: 20, suppressed: false }, suppressedCells: 0, privacy: null });
    const byRegion = (await count(plainStudy, ["REGION", "SEX"])).data!.cohortCount;
    expect(byRegion.suppressedCells).toBeGreaterThanOrEqual(2);
    const shown = byRegion.cells.filter((c) => !c.count.suppressed).map((c) => c.count.value!);
    for (const value of shown) expect(value).toBeGreaterThanOrEqual(5);
    expect(20 - shown.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    for (const cell of byRegion.cells) expect(cell.region).toMatch(/^\d{3}$/);
  });

  it("suppresses the whole table when the cohort is smaller than k", async () => {
    const none = await graphql<{ cohortCount: Answer }>(
      api.url,
      "query($s: String!, $c: StudyCriteriaInput!) { cohortCount(studyId: $s, criteria: $c) { total { value suppressed } cells { count { value } } suppressedCells cached privacy { epsilon } } }",
      { s: plainStudy, c: { ...everyone, minAge: 100, maxAge: 120 } },
      researcher,
    );
    expect(none.data!.cohortCount.total).toEqual({ value: null, suppressed: true });
  });

  it("refuses epsilon on a study without a budget, epsilon beyond the budget, and malformed queries, spending nothing", async () => {
    expect((await count(dpStudy, ["SEX", "SEX"], 0.1)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await count(dpStudy, ["COLOUR"], 0.1)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await count("abc", [])).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await count("123", [])).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const badCriteria = await graphql(
      api.url,
      "query($s: String!, $c: StudyCriteriaInput!) { cohortCount(studyId: $s, criteria: $c) { cached } }",
      { s: dpStudy, c: { ...everyone, minAge: 50, maxAge: 20 } },
      researcher,
    );
    expect(badCriteria.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await count(plainStudy, [], 0.1)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await count(dpStudy, [], 0.5)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await count(dpStudy, [], -1)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM cohort_query`)).toEqual([{ n: 0 }]);
  });

  it("adds noise over the full domain, spends epsilon, and answers an identical query from the cache for free", async () => {
    // The price is known before the query runs, and asking it spends nothing.
    expect((await quote(dpStudy, ["SEX"], 0.1)).data!.cohortQuote).toEqual({
      cost: 0.1,
      cached: false,
      budget: 0.3,
      spent: 0,
      remaining: 0.3,
      fits: true,
    });
    expect((await quote(plainStudy, ["SEX"])).data!.cohortQuote).toMatchObject({ cost: 0, budget: null, fits: true });
    expect((await quote(dpStudy, [], 0.5)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await quote(dpStudy, [], 0.1, null)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const other = await signIn(api.url, demoWallet(DEMO.researcher2));
    expect((await quote(dpStudy, [], 0.1, other)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM cohort_query`)).toEqual([{ n: 0 }]);

    const first = (await count(dpStudy, ["SEX"], 0.1)).data!.cohortCount;
    // Consistent: whole, non-negative cells that add up to the total shown.
    for (const cell of first.cells) expect(cell.count.suppressed || cell.count.value! >= 0).toBe(true);
    if (first.suppressedCells === 0) expect(first.cells.reduce((sum, c) => sum + c.count.value!, 0)).toBe(first.total.value);
    expect((await quote(dpStudy, ["SEX"], 0.1)).data!.cohortQuote).toEqual({
      cost: 0,
      cached: true,
      budget: 0.3,
      spent: 0.1,
      remaining: 0.2,
      fits: true,
    });
    expect(first.privacy).toEqual({ mechanism: "geometric", epsilon: 0.1, budget: 0.3, spent: 0.1, remaining: 0.2 });
    expect(first.cells.map((c) => c.sex)).toEqual(["female", "male", "other", "unknown"]);
    expect(first.cached).toBe(false);
    const again = (await count(dpStudy, ["SEX"], 0.1)).data!.cohortCount;
    expect(again.cached).toBe(true);
    expect(again.cells).toEqual(first.cells);
    expect(again.total).toEqual(first.total);
    expect(again.privacy!.spent).toBeCloseTo(0.1);
  });

  it("never spends past the budget, even with queries racing each other, and audits the refusals", async () => {
    const racing = await Promise.all(
      [["AGE_BAND"], ["REGION"], ["AGE_BAND", "SEX"], ["REGION", "SEX"], ["AGE_BAND", "REGION"]].map((b) => count(dpStudy, b, 0.1)),
    );
    const succeeded = racing.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(2);
    for (const refused of racing.filter((r) => r.errors)) {
      expect(refused.errors![0]).toMatchObject({
        extensions: { code: "FORBIDDEN" },
        message: expect.stringContaining("privacy budget is spent"),
      });
    }
    const [{ spent }] = (await api.dataSource.query(`SELECT SUM(epsilon) AS spent FROM cohort_query WHERE study_id = $1`, [dpStudy])) as {
      spent: number;
    }[];
    expect(Number(spent)).toBeCloseTo(0.3);
    expect((await quote(dpStudy, ["SEX", "REGION", "AGE_BAND"], 0.1)).data!.cohortQuote).toMatchObject({
      cost: 0.1,
      fits: false,
      remaining: 0,
    });
    // A repeat of an answered query still works: it costs nothing.
    expect((await count(dpStudy, ["SEX"], 0.1)).data!.cohortCount.cached).toBe(true);
    const denied = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'research.cohortCount' AND decision = 'DENY' AND reason LIKE '%privacy budget%'`,
    );
    expect(denied).toEqual([{ n: 3 }]);
  });

  it("keeps the research index in step with every create, amend and retract; the drift check finds and repairs tampering", async () => {
    const total = async (criteria: Record<string, unknown>) => {
      const answer = await graphql<{ cohortCount: Answer }>(
        api.url,
        "query($s: String!, $c: StudyCriteriaInput!) { cohortCount(studyId: $s, criteria: $c) { total { value suppressed } } }",
        { s: plainStudy, c: { ...everyone, ...criteria } },
        researcher,
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.cohortCount.total.value;
    };
    const write = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const result = await graphql<T>(api.url, query, variables, doctor);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const rare = { system: "http://snomed.info/sct", code: "1000000001" };
    const withoutRare = { noneOf: [rare] };
    const [{ id: patientId }] = (await api.dataSource.query(`SELECT id FROM patient ORDER BY id LIMIT 1`)) as { id: string }[];
    const condition = (status: string) => ({
      resourceType: "Condition",
      id: "rare-condition",
      subject: { reference: "Patient/x" },
      clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: status }] },
      code: { coding: [rare] },
      onsetDateTime: "2020-05-01T00:00:00Z",
    });
    expect(await total(withoutRare)).toBe(20);
    const { createRecord } = await write<{ createRecord: { id: string } }>(
      "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }",
      { p: patientId, r: condition("active") },
    );
    expect(await total(withoutRare)).toBe(19);
    const amend = "mutation($id: ID!, $r: JSONObject!) { amendRecord(id: $id, resource: $r) { id } }";
    await write(amend, { id: createRecord.id, r: condition("resolved") });
    expect(await total(withoutRare)).toBe(20);
    await write(amend, { id: createRecord.id, r: condition("relapse") });
    expect(await total(withoutRare)).toBe(19);
    await write('mutation($id: ID!) { retractRecord(id: $id, reason: "entered in error") { id } }', { id: createRecord.id });
    expect(await total(withoutRare)).toBe(20);

    // A Patient amendment moves the patient between cells at once.
    const females = await total({ sexes: ["female"] });
    const [patientRecord] = (await api.dataSource.query(
      `SELECT r.id FROM record r JOIN research_subject s ON s.patient_id = r.patient_id
       WHERE r.resource_type = 'Patient' AND s.sex = 'male' ORDER BY r.id LIMIT 1`,
    )) as { id: string }[];
    const { record } = await write<{ record: { resource: Record<string, unknown> } }>(
      "query($id: ID!) { record(id: $id, purpose: TREAT) { resource } }",
      { id: patientRecord.id },
    );
    await write(amend, { id: patientRecord.id, r: { ...record.resource, gender: "female" } });
    expect(await total({ sexes: ["female"] })).toBe(females! + 1);

    // The index holds no code in clear.
    expect(JSON.stringify(await api.dataSource.query(`SELECT * FROM research_condition`))).not.toMatch(/1000000001|44054006/);

    const indexer = new ResearchIndexer(
      new TypeOrmRecordStore(api.dataSource),
      new TypeOrmResearchIndexStore(api.dataSource),
      new KeyRing(masterKey),
    );
    expect(await indexer.check({ repair: false })).toMatchObject({ patients: 20, drifted: 0 });
    const [a, b, c] = ((await api.dataSource.query(`SELECT id FROM patient ORDER BY id LIMIT 3 OFFSET 1`)) as { id: string }[]).map(
      (r) => r.id,
    );
    await api.dataSource.query(`UPDATE research_subject SET zip3 = '999' WHERE patient_id = $1`, [a]);
    await api.dataSource.query(`DELETE FROM research_condition WHERE patient_id = $1`, [b]);
    await api.dataSource.query(`DELETE FROM research_condition WHERE patient_id = $1`, [c]);
    await api.dataSource.query(`DELETE FROM research_subject WHERE patient_id = $1`, [c]);
    const drift = await indexer.check({ repair: false });
    expect(drift).toMatchObject({ patients: 20, drifted: 3, differentSubjects: 1, missingSubjects: 1, extraConditions: 0 });
    expect(drift.missingConditions).toBeGreaterThan(0);
    expect(drift.examples.sort()).toEqual([a, b, c].sort());
    expect(await indexer.check({ repair: true })).toMatchObject({ drifted: 3, repaired: true });
    expect(await indexer.check({ repair: false })).toMatchObject({ patients: 20, drifted: 0 });

    // Patients registered before the index existed are filled in (what start-up does).
    await api.dataSource.query(`DELETE FROM research_condition`);
    await api.dataSource.query(`DELETE FROM research_subject`);
    expect(await total({})).toBeNull();
    expect(await indexer.fillMissing()).toBe(20);
    expect(await total({})).toBe(20);
    expect(await indexer.check({ repair: false })).toMatchObject({ drifted: 0 });
  });
});
