/**
 * Records, sign-in and the access log over HTTP, with real EIP-4361 signatures, a real Hardhat
 * chain (roles), a real database (PGlite or DATABASE_URL) and a real Synthea bundle.
 */
import { Wallet } from "ethers";
import { SiweMessage } from "siwe";
import type { DataSource } from "typeorm";

import type { Config } from "../config/config";
import { KeyRing } from "../crypto/key-ring";
import { typedFields, type FhirResource } from "../domain/records/fhir";
import { SystemRecordReader } from "../domain/records/system-reader";
import { TypeOrmRecordStore } from "../persistence/record.store";
import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  syntheaBundle,
  syntheaFiles,
  testConfig,
  type TestDatabase,
  onTestChain,
} from "../testing/test-environment";

const BUNDLE = "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz";

interface RecordNode {
  id: string;
  resourceType: string;
  version: number;
  lifecycle: string;
  code: string | null;
  valueQuantity: number | null;
  resource: { id: string; resourceType: string } | null;
}
interface RecordsData {
  records: {
    totalCount: number;
    edges: { cursor: string; node: RecordNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface LogEntry {
  seq: number;
  actor: string | null;
  action: string;
  decision: string;
  reason: string;
  recordId: string | null;
}

const RECORDS = `query($patientId: ID!, $purpose: PurposeOfUse, $filter: RecordFilter, $first: Int, $after: String) {
  records(patientId: $patientId, purpose: $purpose, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id resourceType version lifecycle code valueQuantity resource } }
  } }`;
const RECORD = `query($id: ID!, $purpose: PurposeOfUse) { record(id: $id, purpose: $purpose) { id resourceType version lifecycle resource } }`;
const ACCESS_LOG = `query($first: Int) { accessLog(first: $first) { edges { node { seq actor action decision reason recordId } } } }`;
const OBSERVATION = {
  resourceType: "Observation",
  status: "final",
  code: { coding: [{ system: "urn:medledger:test", code: "test-heart-rate", display: "Heart rate (test code)" }] },
  effectiveDateTime: "2024-03-01T10:00:00Z",
  valueQuantity: { value: 72, unit: "/min", system: "http://unitsofmeasure.org", code: "/min" },
};

describe("records over HTTP", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let url: string;
  const tokens: Record<keyof typeof DEMO, string> = {} as Record<keyof typeof DEMO, string>;
  let patientId: string;
  let dataSource: DataSource;
  let config: Config;

  const as = <T>(who: keyof typeof DEMO, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(url, query, variables, tokens[who]);
  const countRows = async (table: string): Promise<number> =>
    Number((await dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.database);
    api = await startApi(config);
    url = api.url;
    dataSource = api.dataSource;
    for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) tokens[who] = await signIn(url, demoWallet(DEMO[who]));
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  describe("sign-in (EIP-4361)", () => {
    it("returns the account with the roles the chain gives it", async () => {
      const { data } = await as<{ me: { address: string; roles: string[] } }>("doctorA", "{ me { address roles } }");
      expect(data?.me).toEqual({ address: demoWallet(DEMO.doctorA).address, roles: ["DOCTOR"] });
    });

    it("refuses a replayed message: each nonce signs in once", async () => {
      const wallet = demoWallet(DEMO.doctorB);
      const { data } = await graphql<{ authChallenge: { message: string } }>(
        url,
        `mutation { authChallenge(address: "${wallet.address}") { message } }`,
      );
      const signature = await wallet.signMessage(data!.authChallenge.message);
      const signInQuery = "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }";
      expect((await graphql(url, signInQuery, { m: data!.authChallenge.message, s: signature })).errors).toBeUndefined();
      const replay = await graphql(url, signInQuery, { m: data!.authChallenge.message, s: signature });
      expect(replay.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(replay.errors?.[0]?.message).toContain("already used nonce");
    });

    it("accepts only the exact message it issued: a changed statement, issue time or expiry is refused", async () => {
      const wallet = demoWallet(DEMO.doctorB);
      const changes: [string, (m: SiweMessage) => void][] = [
        ["statement", (m) => (m.statement = "I agree to anything")],
        ["issued-at", (m) => (m.issuedAt = new Date(Date.now() - 3_600_000).toISOString())],
        ["expiration", (m) => (m.expirationTime = "2099-01-01T00:00:00.000Z")],
      ];
      for (const [field, change] of changes) {
        const { data } = await graphql<{ authChallenge: { message: string } }>(
          url,
          `mutation { authChallenge(address: "${wallet.address}") { message } }`,
        );
        const edited = new SiweMessage(data!.authChallenge.message);
        change(edited);
        const text = edited.prepareMessage();
        const result = await graphql(url, "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }", {
          m: text,
          s: await wallet.signMessage(text),
        });
        expect([field, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message]).toEqual([
          field,
          "UNAUTHENTICATED",
          expect.stringContaining("differs from the challenge"),
        ]);
      }
    });

    it("refuses a signature by another key", async () => {
      const { data } = await graphql<{ authChallenge: { message: string } }>(
        url,
        `mutation { authChallenge(address: "${demoWallet(DEMO.patient).address}") { message } }`,
      );
      const forged = await demoWallet(DEMO.doctorB).signMessage(data!.authChallenge.message);
      const result = await graphql(url, "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }", {
        m: data!.authChallenge.message,
        s: forged,
      });
      expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });

    it("answers malformed input with BAD_USER_INPUT", async () => {
      const badAddress = await graphql(
        url,
        `
          mutation {
            authChallenge(address: "0x1234") {
              message
            }
          }
        `,
      );
      expect(badAddress.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const badMessage = await graphql(
        url,
        `
          mutation {
            signIn(message: "hello", signature: "0x00") {
              token
            }
          }
        `,
      );
      expect(badMessage.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("answers a bad or missing token with UNAUTHENTICATED", async () => {
      expect((await graphql(url, "{ me { address } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect((await graphql(url, "{ me { address } }", {}, "not-a-token")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("a Synthea patient", () => {
    it("is imported by doctor A, linked to the patient's account", async () => {
      const bundle = syntheaBundle(BUNDLE);
      const { data, errors } = await as<{
        importBundle: { patientId: string; created: number; byType: { resourceType: string; count: number }[] };
      }>(
        "doctorA",
        "mutation($bundle: JSONObject!, $account: String) { importBundle(bundle: $bundle, patientAccount: $account) { patientId created byType { resourceType count } } }",
        { bundle, account: demoWallet(DEMO.patient).address },
      );
      expect(errors).toBeUndefined();
      expect(data!.importBundle.created).toBe(bundle.entry.length);
      expect(data!.importBundle.byType).toContainEqual({ resourceType: "Observation", count: 36 });
      patientId = data!.importBundle.patientId;
      const me = await as<{ me: { patientId: string } }>("patient", "{ me { patientId } }");
      expect(me.data?.me.patientId).toBe(patientId);
    });

    it("gives an account linked on import the patient role on chain, and refuses a staff account as a patient", async () => {
      const IMPORT =
        "mutation($bundle: JSONObject!, $account: String) { importBundle(bundle: $bundle, patientAccount: $account) { patientId created } }";
      const [second, third] = syntheaFiles().filter((file) => file !== BUNDLE);
      const patientsBefore = await countRows("patient");
      // A doctor's (or any staff) account is not a patient's own account: refused, nothing written.
      for (const staff of [DEMO.doctorB, DEMO.researcher, DEMO.admin]) {
        const refused = await as("doctorA", IMPORT, { bundle: syntheaBundle(third), account: demoWallet(staff).address });
        expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("role") });
      }
      expect(await countRows("patient")).toBe(patientsBefore);

      // A new patient's own wallet, unknown to the chain until now.
      const wallet = Wallet.createRandom();
      const imported = await as<{ importBundle: { patientId: string; created: number } }>("doctorA", IMPORT, {
        bundle: syntheaBundle(second),
        account: wallet.address,
      });
      expect(imported.errors).toBeUndefined();
      const roles = onTestChain("RoleRegistry");
      try {
        expect(await roles.contract.hasRole(await roles.contract.PATIENT_ROLE(), wallet.address)).toBe(true);
      } finally {
        roles.close();
      }
      const token = await signIn(url, wallet);
      const me = await graphql<{ me: { roles: string[]; patientId: string } }>(url, "{ me { roles patientId } }", {}, token);
      expect(me.data!.me).toEqual({ roles: ["PATIENT"], patientId: imported.data!.importBundle.patientId });
      const own = await graphql<{ records: { totalCount: number } }>(
        url,
        "query($p: ID!) { records(patientId: $p, first: 1) { totalCount } }",
        { p: imported.data!.importBundle.patientId },
        token,
      );
      expect(own.data?.records.totalCount).toBe(imported.data!.importBundle.created);
    });

    it("refuses the same bundle twice with CONFLICT and changes nothing", async () => {
      const before = await countRows("record");
      const { errors } = await as("doctorA", "mutation($bundle: JSONObject!) { importBundle(bundle: $bundle) { patientId } }", {
        bundle: syntheaBundle(BUNDLE),
      });
      expect(errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(await countRows("record")).toBe(before);
    });

    it("lets the authoring doctor list, filter and page the records for treatment", async () => {
      const all = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", first: 500 });
      expect(all.errors).toBeUndefined();
      expect(all.data!.records.totalCount).toBe(73);

      const heights = await as<RecordsData>("doctorA", RECORDS, {
        patientId,
        purpose: "TREAT",
        filter: { resourceTypes: ["Observation"], code: "8302-2" },
      });
      expect(heights.data!.records.totalCount).toBeGreaterThan(0);
      for (const { node } of heights.data!.records.edges) {
        expect(node.code).toBe("8302-2");
        expect(node.valueQuantity).toBeGreaterThan(100);
      }
      const tall = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", filter: { code: "8302-2", valueMin: 1000 } });
      expect(tall.data!.records.totalCount).toBe(0);

      const first = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", first: 10 });
      const second = await as<RecordsData>("doctorA", RECORDS, {
        patientId,
        purpose: "TREAT",
        first: 10,
        after: first.data!.records.pageInfo.endCursor,
      });
      expect(first.data!.records.pageInfo.hasNextPage).toBe(true);
      const ids = [...first.data!.records.edges, ...second.data!.records.edges].map((e) => e.node.id);
      expect(new Set(ids).size).toBe(20);
    });

    it("pages the whole chart in SQL with keyset cursors, newest first, and keeps codes out of the database in clear", async () => {
      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const page: { data?: RecordsData; errors?: unknown } = await as<RecordsData>("doctorA", RECORDS, {
          patientId,
          purpose: "TREAT",
          first: 7,
          after,
        });
        expect(page.errors).toBeUndefined();
        expect(page.data!.records.totalCount).toBe(73);
        pages.push(page.data!.records.edges.map((e) => e.node.id));
        after = page.data!.records.pageInfo.hasNextPage ? page.data!.records.pageInfo.endCursor : null;
      } while (after);
      expect(pages).toHaveLength(11);
      const whole = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", first: 500 });
      expect(pages.flat()).toEqual(whole.data!.records.edges.map((e) => e.node.id));
      // The order the decrypted resources give: newest effective date first, undated last.
      const dates = whole.data!.records.edges.map((e) => typedFields(e.node.resource as FhirResource).effectiveAt?.getTime() ?? -Infinity);
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      expect((await as("doctorA", RECORDS, { patientId, purpose: "TREAT", after: "bm90LWEtY3Vyc29y" })).errors?.[0]?.extensions?.code).toBe(
        "BAD_USER_INPUT",
      );

      // Codes are blind-indexed: the record table holds no code in clear, yet filters by code work.
      const rows = (await dataSource.query(`SELECT * FROM record WHERE patient_id = $1`, [patientId])) as Record<string, unknown>[];
      expect(JSON.stringify(rows)).not.toContain("8302-2");
      expect(rows.every((r) => r.fields_version === r.current_version)).toBe(true);

      // Rows written before the query fields existed are indexed at start-up (here: directly).
      await dataSource.query(`UPDATE record SET code_key = NULL, code_system = NULL, fields_version = NULL WHERE patient_id = $1`, [
        patientId,
      ]);
      const HEIGHTS = { patientId, purpose: "TREAT", filter: { code: "8302-2" } };
      expect((await as<RecordsData>("doctorA", RECORDS, HEIGHTS)).data!.records.totalCount).toBe(0);
      const reader = new SystemRecordReader(new TypeOrmRecordStore(dataSource), new KeyRing(config.masterKey));
      expect(await reader.indexQueryFields()).toBeGreaterThanOrEqual(73);
      expect((await as<RecordsData>("doctorA", RECORDS, HEIGHTS)).data!.records.totalCount).toBeGreaterThan(0);
    });

    it("hides every record from doctor B: NOT_FOUND for one, nothing in the list, and both denials logged", async () => {
      const list = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", filter: { resourceTypes: ["Condition"] } });
      const conditionId = list.data!.records.edges[0].node.id;
      const one = await as("doctorB", RECORD, { id: conditionId, purpose: "TREAT" });
      expect(one.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(one.errors?.[0]?.message).toBe("Record not found");
      const missing = await as("doctorB", RECORD, { id: "00000000-0000-4000-8000-000000000000", purpose: "TREAT" });
      expect(missing.errors?.[0]?.message).toBe("Record not found");
      const listB = await as<RecordsData>("doctorB", RECORDS, { patientId, purpose: "TREAT" });
      expect(listB.data!.records.totalCount).toBe(0);

      const log = await as<{ accessLog: { edges: { node: LogEntry }[] } }>("patient", ACCESS_LOG, { first: 10 });
      const doctorB = demoWallet(DEMO.doctorB).address;
      const entries = log.data!.accessLog.edges.map((e) => e.node).filter((e) => e.actor === doctorB);
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: "record.read", decision: "DENY", recordId: conditionId }),
          expect.objectContaining({ action: "record.list", decision: "DENY" }),
        ]),
      );
    });

    it("shows the patient all of their records and exports them as a FHIR Bundle", async () => {
      const own = await as<RecordsData>("patient", RECORDS, { patientId });
      expect(own.data!.records.totalCount).toBe(73);
      const exported = await as<{ exportPatient: { resourceType: string; type: string; entry: unknown[] } }>(
        "patient",
        "query($p: ID!) { exportPatient(patientId: $p) }",
        { p: patientId },
      );
      expect(exported.data!.exportPatient).toMatchObject({ resourceType: "Bundle", type: "collection" });
      expect(exported.data!.exportPatient.entry).toHaveLength(73);
    });

    it("keeps clinical data from the admin, another patient and a researcher", async () => {
      for (const who of ["admin", "patient2", "researcher"] as const) {
        const list = await as<RecordsData>(who, RECORDS, { patientId, purpose: "TREAT" });
        expect(list.data!.records.totalCount).toBe(0);
        const exported = await as(who, "query($p: ID!) { exportPatient(patientId: $p, purpose: TREAT) }", { p: patientId });
        expect(exported.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      }
    });

    it("refuses unauthenticated reads and logs the attempt against the patient", async () => {
      const before = await countRows("access_log");
      const list = await graphql(url, RECORDS, { patientId });
      expect(list.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const rows = await dataSource.query(`SELECT actor, decision, reason FROM access_log WHERE seq > $1`, [before]);
      expect(rows).toEqual([{ actor: null, decision: "DENY", reason: "unauthenticated" }]);
    });
  });

  describe("writing records", () => {
    let observationId: string;

    it("creates a validated record and refuses invalid FHIR with BAD_USER_INPUT, changing nothing", async () => {
      const created = await as<{ createRecord: RecordNode }>(
        "doctorA",
        "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id version code valueQuantity } }",
        {
          p: patientId,
          r: OBSERVATION,
        },
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createRecord).toMatchObject({ version: 1, code: "test-heart-rate", valueQuantity: 72 });
      observationId = created.data!.createRecord.id;

      const before = await countRows("record_version");
      for (const resource of [
        { ...OBSERVATION, status: undefined }, // required field missing
        { ...OBSERVATION, status: "not-a-status" }, // bad code
        { ...OBSERVATION, valueQuantity: { value: "seventy-two" } }, // wrong type
        { resourceType: "NotAResource" },
        { status: "final" }, // no resourceType
      ]) {
        const { errors } = await as("doctorA", "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }", {
          p: patientId,
          r: resource,
        });
        expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      }
      expect(await countRows("record_version")).toBe(before);
    });

    it("only lets doctors write: the patient and the admin get FORBIDDEN", async () => {
      for (const who of ["patient", "admin"] as const) {
        const { errors } = await as(who, "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }", {
          p: patientId,
          r: OBSERVATION,
        });
        expect(errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
    });

    it("amends into a new version, keeps the old one, and refuses amendments by others", async () => {
      const amended = await as<{ amendRecord: RecordNode }>(
        "doctorA",
        'mutation($id: ID!, $r: JSONObject!) { amendRecord(id: $id, resource: $r, reason: "typo") { version valueQuantity } }',
        { id: observationId, r: { ...OBSERVATION, valueQuantity: { ...OBSERVATION.valueQuantity, value: 75 } } },
      );
      expect(amended.data!.amendRecord).toMatchObject({ version: 2, valueQuantity: 75 });
      const byB = await as("doctorB", "mutation($id: ID!, $r: JSONObject!) { amendRecord(id: $id, resource: $r) { version } }", {
        id: observationId,
        r: OBSERVATION,
      });
      expect(byB.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const retype = await as("doctorA", "mutation($id: ID!, $r: JSONObject!) { amendRecord(id: $id, resource: $r) { version } }", {
        id: observationId,
        r: { resourceType: "Condition", subject: { reference: "Patient/x" } },
      });
      expect(retype.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

      const history = await as<{ recordHistory: { version: number; previousHash: string; versionHash: string; reason: string | null }[] }>(
        "doctorA",
        "query($id: ID!) { recordHistory(id: $id, purpose: TREAT) { version previousHash versionHash reason } }",
        { id: observationId },
      );
      const [v1, v2] = history.data!.recordHistory;
      expect(v1.previousHash).toBe("0".repeat(64));
      expect(v2).toMatchObject({ version: 2, previousHash: v1.versionHash, reason: "typo" });
    });

    it("retracts with a tombstone: the record stays in its history, its resource is gone", async () => {
      const noReason = await as("doctorA", 'mutation($id: ID!) { retractRecord(id: $id, reason: "  ") { version } }', {
        id: observationId,
      });
      expect(noReason.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const retracted = await as<{ retractRecord: RecordNode }>(
        "doctorA",
        'mutation($id: ID!) { retractRecord(id: $id, reason: "entered in error") { version lifecycle resource } }',
        {
          id: observationId,
        },
      );
      expect(retracted.data!.retractRecord).toEqual({ version: 3, lifecycle: "RETRACTED", resource: null });
      const again = await as("doctorA", 'mutation($id: ID!) { retractRecord(id: $id, reason: "again") { version } }', {
        id: observationId,
      });
      expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      const list = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", filter: { code: "test-heart-rate" } });
      expect(list.data!.records.totalCount).toBe(0);
      const withRetracted = await as<RecordsData>("doctorA", RECORDS, {
        patientId,
        purpose: "TREAT",
        first: 500,
        filter: { resourceTypes: ["Observation"], includeRetracted: true },
      });
      expect(withRetracted.data!.records.edges.map((e) => e.node)).toContainEqual(
        expect.objectContaining({ id: observationId, lifecycle: "RETRACTED", resource: null }),
      );
    });
  });

  describe("tamper evidence", () => {
    it("names the version whose stored content or metadata was edited in the database", async () => {
      const list = await as<RecordsData>("doctorA", RECORDS, { patientId, purpose: "TREAT", filter: { resourceTypes: ["Condition"] } });
      const id = list.data!.records.edges[0].node.id;
      await as("doctorA", "mutation($id: ID!, $r: JSONObject!) { amendRecord(id: $id, resource: $r) { version } }", {
        id,
        r: list.data!.records.edges[0].node.resource,
      });
      const verify = "query($id: ID!) { verifyRecordIntegrity(id: $id) { ok firstBadVersion versions { version ok problem } } }";
      expect((await as<{ verifyRecordIntegrity: { ok: boolean } }>("patient", verify, { id })).data!.verifyRecordIntegrity.ok).toBe(true);

      await dataSource.query(`UPDATE record_version SET reason = 'rewritten' WHERE record_id = $1 AND version = 2`, [id]);
      const report = await as<{ verifyRecordIntegrity: { ok: boolean; firstBadVersion: number; versions: { problem: string | null }[] } }>(
        "patient",
        verify,
        { id },
      );
      expect(report.data!.verifyRecordIntegrity).toMatchObject({ ok: false, firstBadVersion: 2 });
      expect(report.data!.verifyRecordIntegrity.versions[1].problem).toContain("metadata");

      await dataSource.query(`UPDATE record_version SET reason = NULL WHERE record_id = $1 AND version = 2`, [id]);
      await dataSource.query(`UPDATE record_version SET sealed = sealed || '\\x00'::bytea WHERE record_id = $1 AND version = 1`, [id]);
      const sealedReport = await as<{ verifyRecordIntegrity: { firstBadVersion: number; versions: { problem: string | null }[] } }>(
        "patient",
        verify,
        { id },
      );
      expect(sealedReport.data!.verifyRecordIntegrity.firstBadVersion).toBe(1);
      expect(sealedReport.data!.verifyRecordIntegrity.versions[0].problem).toContain("encrypted content was altered");
    });

    it("detects an edited, then a removed access-log entry", async () => {
      const verify = "{ verifyAccessLog { ok checked firstBadSeq problem } }";
      const clean = await as<{ verifyAccessLog: { ok: boolean; checked: number } }>("patient", verify);
      expect(clean.data!.verifyAccessLog.ok).toBe(true);
      expect(clean.data!.verifyAccessLog.checked).toBeGreaterThan(10);

      await dataSource.query(`UPDATE access_log SET reason = reason || ' (edited)' WHERE seq = 5`);
      const edited = await as<{ verifyAccessLog: { ok: boolean; firstBadSeq: number; problem: string } }>("patient", verify);
      expect(edited.data!.verifyAccessLog).toMatchObject({ ok: false, firstBadSeq: 5 });
      expect(edited.data!.verifyAccessLog.problem).toContain("modified");

      await dataSource.query(`DELETE FROM access_log WHERE seq = 5`);
      const removed = await as<{ verifyAccessLog: { ok: boolean; firstBadSeq: number; problem: string } }>("patient", verify);
      expect(removed.data!.verifyAccessLog).toMatchObject({ ok: false, firstBadSeq: 5, problem: "entry 5 is missing" });
    });
  });

  describe("roles", () => {
    it("lets the admin grant a role on chain, and refuses (and logs) anyone else", async () => {
      const stranger = demoWallet(15).address;
      const byDoctor = await as("doctorA", "mutation($a: String!) { grantRole(address: $a, role: RESEARCHER) { roles } }", { a: stranger });
      expect(byDoctor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const logged = await dataSource.query(
        `SELECT decision, reason FROM access_log WHERE action = 'role.grant' ORDER BY seq DESC LIMIT 1`,
      );
      expect(logged).toEqual([{ decision: "DENY", reason: "only admins change roles" }]);

      const granted = await as<{ grantRole: { address: string; roles: string[] } }>(
        "admin",
        "mutation($a: String!) { grantRole(address: $a, role: RESEARCHER) { address roles } }",
        {
          a: stranger.toLowerCase(),
        },
      );
      expect(granted.data!.grantRole).toEqual({ address: stranger, roles: ["RESEARCHER"] });
      const revoked = await as<{ revokeRole: { roles: string[] } }>(
        "admin",
        "mutation($a: String!) { revokeRole(address: $a, role: RESEARCHER) { roles } }",
        { a: stranger },
      );
      expect(revoked.data!.revokeRole.roles).toEqual([]);
    });

    it("mirrors a role granted directly on chain, without the API, at the next chain sync", async () => {
      const researcher = demoWallet(DEMO.researcher).address;
      const { contract: registry, close } = onTestChain("RoleRegistry", DEMO.admin);
      await (await registry.grantRole(await registry.ETHICS_BOARD_ROLE(), researcher)).wait();
      try {
        await api.services.chainSync.sync();
        const me = await as<{ me: { roles: string[] } }>("researcher", "{ me { roles } }");
        expect(me.data!.me.roles.sort()).toEqual(["ETHICS_BOARD", "RESEARCHER"]);
      } finally {
        await (await registry.revokeRole(await registry.ETHICS_BOARD_ROLE(), researcher)).wait();
        await api.services.chainSync.sync();
        close();
      }
    });
  });
});
