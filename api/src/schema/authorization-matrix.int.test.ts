/**
 * The authorisation matrix over HTTP: every clinical operation × every role × the caller's
 * own patient (for a doctor: a patient whose records they authored) and another patient.
 * Every denial must answer like "not there" (or FORBIDDEN for a write) and be in the access log.
 */
import type { DataSource } from "typeorm";

import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  syntheaBundle,
  testConfig,
  type TestDatabase,
} from "../testing/test-environment";

type Caller = "admin" | "issuer" | "researcher" | "ethics1" | "patient" | "doctorA";
type Target = "own" | "other";
type Operation =
  "record" | "records" | "recordHistory" | "exportPatient" | "verifyRecordIntegrity" | "createRecord" | "amendRecord" | "retractRecord";

const OBSERVATION = {
  resourceType: "Observation",
  status: "final",
  code: { coding: [{ system: "http://loinc.org", code: "8867-4", display: "Heart rate" }] },
  valueQuantity: { value: 70, unit: "/min" },
};
const READS: Operation[] = ["record", "records", "recordHistory", "exportPatient", "verifyRecordIntegrity"];
const WRITES: Operation[] = ["createRecord", "amendRecord", "retractRecord"];

/** What each caller may do; everything else is denied. */
const ALLOWED: Record<Caller, Record<Target, Operation[]>> = {
  admin: { own: [], other: [] },
  issuer: { own: [], other: [] },
  researcher: { own: [], other: [] },
  ethics1: { own: [], other: [] },
  patient: { own: READS, other: [] },
  // "other" is a patient doctor A has no relationship with: no reads, and no writes either (no fake reports).
  doctorA: { own: [...READS, ...WRITES], other: [] },
};

describe("authorisation matrix over HTTP", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dataSource: DataSource;
  const tokens: Partial<Record<keyof typeof DEMO, string>> = {};
  /** Per target: the patient, one of their records to read/amend, and fresh records to retract. */
  const targets: Record<Target, { patientId: string; recordId: string; retractable: string[] }> = {
    own: { patientId: "", recordId: "", retractable: [] },
    other: { patientId: "", recordId: "", retractable: [] },
  };

  const call = (who: keyof typeof DEMO, query: string, variables: Record<string, unknown>) =>
    graphql<Record<string, unknown>>(api.url, query, variables, tokens[who]);

  async function importFor(
    doctor: "doctorA" | "doctorB",
    patientAccount: number,
    file: string,
  ): Promise<{ patientId: string; recordId: string; retractable: string[] }> {
    const imported = await call(
      doctor,
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      {
        b: syntheaBundle(file),
        a: demoWallet(patientAccount).address,
      },
    );
    const patientId = (imported.data!.importBundle as { patientId: string }).patientId;
    const list = await call(
      doctor,
      'query($p: ID!) { records(patientId: $p, purpose: TREAT, first: 1, filter: { resourceTypes: ["Observation"] }) { edges { node { id } } } }',
      {
        p: patientId,
      },
    );
    const recordId = (list.data!.records as { edges: { node: { id: string } }[] }).edges[0].node.id;
    const retractable: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await call(doctor, "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }", {
        p: patientId,
        r: OBSERVATION,
      });
      retractable.push((created.data!.createRecord as { id: string }).id);
    }
    return { patientId, recordId, retractable };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
    dataSource = api.dataSource;
    for (const who of ["admin", "issuer", "researcher", "ethics1", "patient", "doctorA", "doctorB"] as const)
      tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    targets.own = await importFor("doctorA", DEMO.patient, "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz");
    targets.other = await importFor("doctorB", DEMO.patient2, "Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json.gz");
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  /** Runs one operation; true when it was allowed (data returned), false when denied. */
  async function attempt(caller: Caller, target: Target, operation: Operation): Promise<{ allowed: boolean; code: string | null }> {
    const t = targets[target];
    const queries: Record<Operation, [string, Record<string, unknown>]> = {
      record: ["query($id: ID!) { result: record(id: $id, purpose: TREAT) { id } }", { id: t.recordId }],
      records: ["query($p: ID!) { result: records(patientId: $p, purpose: TREAT) { totalCount } }", { p: t.patientId }],
      recordHistory: ["query($id: ID!) { result: recordHistory(id: $id, purpose: TREAT) { version } }", { id: t.recordId }],
      exportPatient: ["query($p: ID!) { result: exportPatient(patientId: $p, purpose: TREAT) }", { p: t.patientId }],
      verifyRecordIntegrity: ["query($id: ID!) { result: verifyRecordIntegrity(id: $id) { ok } }", { id: t.recordId }],
      createRecord: [
        "mutation($p: ID!, $r: JSONObject!) { result: createRecord(patientId: $p, resource: $r) { id } }",
        { p: t.patientId, r: OBSERVATION },
      ],
      amendRecord: [
        "mutation($id: ID!, $r: JSONObject!) { result: amendRecord(id: $id, resource: $r) { id } }",
        { id: t.retractable[0], r: OBSERVATION },
      ],
      retractRecord: ['mutation($id: ID!) { result: retractRecord(id: $id, reason: "matrix test") { id } }', { id: t.retractable[1] }],
    };
    const [query, variables] = queries[operation];
    const { data, errors } = await call(caller, query, variables);
    if (errors?.length) return { allowed: false, code: errors[0].extensions?.code ?? null };
    const result = data!.result as { totalCount?: number };
    return { allowed: operation === "records" ? (result.totalCount ?? 0) > 0 : true, code: null };
  }

  const cases = (Object.keys(ALLOWED) as Caller[]).flatMap((caller) =>
    (["own", "other"] as Target[]).flatMap((target) => [...READS, ...WRITES].map((operation) => ({ caller, target, operation }))),
  );

  it.each(cases)("$caller on $target patient: $operation", async ({ caller, target, operation }) => {
    const before = Number((await dataSource.query("SELECT coalesce(max(seq), 0) AS s FROM access_log"))[0].s);
    const { allowed, code } = await attempt(caller, target, operation);
    const expected = ALLOWED[caller][target].includes(operation);
    expect(allowed).toBe(expected);
    if (expected) return;

    if (operation !== "records") expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code);
    if (READS.includes(operation) && operation !== "records") expect(code).toBe("NOT_FOUND");
    const denials = (await dataSource.query("SELECT action FROM access_log WHERE seq > $1 AND actor = $2 AND decision = 'DENY'", [
      before,
      demoWallet(DEMO[caller]).address,
    ])) as {
      action: string;
    }[];
    expect(denials.length).toBeGreaterThanOrEqual(1);
  });

  it("lets only doctors import bundles", async () => {
    for (const caller of ["admin", "issuer", "researcher", "ethics1", "patient"] as const) {
      const { errors } = await call(caller, "mutation($b: JSONObject!) { importBundle(bundle: $b) { patientId } }", {
        b: syntheaBundle("Antonio_Castellanos_6d2eba67-5b4a-403f-a29f-e6da3f1ea963.json.gz"),
      });
      expect(errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("shows the access log only to the patient it is about", async () => {
    const log = await call("patient", "{ accessLog(first: 5) { edges { node { seq } } } }", {});
    expect((log.data!.accessLog as { edges: unknown[] }).edges.length).toBe(5);
    for (const caller of ["admin", "doctorA", "researcher"] as const) {
      const other = await call(caller, "{ accessLog(first: 5) { edges { node { seq } } } }", {});
      expect((other.data!.accessLog as { edges: unknown[] }).edges).toEqual([]);
    }
  });
});
