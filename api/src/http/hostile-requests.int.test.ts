/**
 * Hostile but well-formed traffic against a real API (HTTP, database, chain): alias bombs,
 * expensive fields stacked in one request, bodies that are not JSON or too large, resources
 * too large or too deep, NUL characters, cursors past bigint, floods of sign-ins. Each is
 * refused with a typed error before it costs anything, and changes nothing.
 */
import { DEFAULT_LIMITS } from "../config/config";
import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  signWithEthers,
  syntheaBundle,
  syntheaFiles,
  testConfig,
  type TestDatabase,
  type WalletTypedData,
} from "../testing/test-environment";

const IMPORT = "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId created } }";
const CREATE = "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }";

const condition = (patientId: string, display = "Hypertension"): Record<string, unknown> => ({
  resourceType: "Condition",
  subject: { reference: `Patient/${patientId}` },
  clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }] },
  code: { coding: [{ system: "http://snomed.info/sct", code: "38341003", display }] },
});

async function post(url: string, body: string, token?: string): Promise<{ status: number; text: string; headers: Headers }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe("hostile requests", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let doctor: string;
  let patient: string;
  let patientId: string;
  const count = async (table: string): Promise<number> =>
    Number(((await api.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database, { limits: { ...testConfig(db.database).limits, maxBodyBytes: 4 * 1024 * 1024 } }));
    doctor = await signIn(api.url, demoWallet(DEMO.doctorA));
    patient = await signIn(api.url, demoWallet(DEMO.patient));
    const imported = await graphql<{ importBundle: { patientId: string } }>(
      api.url,
      IMPORT,
      { b: syntheaBundle(syntheaFiles()[0]), a: demoWallet(DEMO.patient).address },
      doctor,
    );
    patientId = imported.data!.importBundle.patientId;
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  it("refuses an alias bomb before any resolver runs: no access-log entry is written", async () => {
    const before = await count("access_log");
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `r${i}: record(id: "00000000-0000-4000-8000-${String(i).padStart(12, "0")}") { id }`).join(" ")} }`;
    const anonymous = await graphql(api.url, query);
    expect(anonymous.data).toBeUndefined();
    expect(anonymous.errors![0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(anonymous.errors!.map((e) => e.message).join(" ")).toMatch(/alias/i);
    const signedIn = await graphql(api.url, query, {}, doctor);
    expect(signedIn.errors![0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await count("access_log")).toBe(before);
  });

  it("refuses two expensive fields in one request (exports, verifications)", async () => {
    const result = await graphql(
      api.url,
      `
        query ($p: ID!) {
          a: exportPatient(patientId: $p)
          b: exportPatient(patientId: $p)
        }
      `,
      { p: patientId },
      patient,
    );
    expect(result.data).toBeUndefined();
    expect(result.errors![0].message).toMatch(/Only one expensive field/);
    const mixed = await graphql(
      api.url,
      "{ verifyAccessLog { ok } anchoringStatus { pendingAccessLogEntries } v2: verifyAccessLog { ok } }",
      {},
      patient,
    );
    expect(mixed.errors![0].message).toMatch(/Only one expensive field/);
    // Each studyVotes reads the chain's logs since deployment: aliases must not multiply that.
    const votes = await graphql(
      api.url,
      `{ ${Array.from({ length: 15 }, (_, i) => `v${i}: studyVotes(studyId: "1") { member }`).join(" ")} }`,
      {},
      patient,
    );
    expect(votes.data).toBeUndefined();
    expect(votes.errors![0].message).toMatch(/Only one expensive field/);
    // Each submitClaim reads the chart, recomputes hashes and waits for the chain: aliases must not multiply that.
    const claims = await graphql(
      api.url,
      `mutation($i: SubmitClaimInput!) { ${Array.from({ length: 10 }, (_, i) => `c${i}: submitClaim(input: $i) { id }`).join(" ")} }`,
      { i: { patientId, coverageId: patientId, claim: { resourceType: "Claim" } } },
      patient,
    );
    expect(claims.data).toBeUndefined();
    expect(claims.errors![0].message).toMatch(/Only one expensive field/);
  });

  it("answers a body that is not JSON with a JSON error: no HTML, no stack, no file paths", async () => {
    const response = await post(api.url, "{ this is not json");
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
    });
    expect(response.text).not.toMatch(/<html|node_modules|\/api\/|at /i);
  });

  it("refuses a body over MAX_BODY_BYTES with 413, as JSON", async () => {
    const response = await post(api.url, JSON.stringify({ query: "{ health { ok } }", variables: { pad: "x".repeat(5 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses a FHIR resource over MAX_RESOURCE_BYTES and stores nothing", async () => {
    const versions = await count("record_version");
    const big = { ...condition(patientId), note: [{ text: "x".repeat(DEFAULT_LIMITS.maxResourceBytes) }] };
    const result = await graphql(api.url, CREATE, { p: patientId, r: big }, doctor);
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0].message).toMatch(/MAX_RESOURCE_BYTES/);
    expect(await count("record_version")).toBe(versions);
  });

  it("refuses NUL characters in variables and in literals, changing nothing", async () => {
    const versions = await count("record_version");
    const viaVariable = await graphql(api.url, CREATE, { p: patientId, r: condition(patientId, "Hyper\u0000tension") }, doctor);
    expect(viaVariable.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    const viaLiteral = await graphql(
      api.url,
      `mutation { breakGlass(patientId: "${patientId}", reason: "unconscious \\u0000 in the ER") { id } }`,
      {},
      doctor,
    );
    expect(viaLiteral.errors![0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(await count("record_version")).toBe(versions);
    expect(await count("break_glass")).toBe(0);
  });

  it("refuses JSON nested 10,000 levels deep with BAD_USER_INPUT", async () => {
    // Written by hand: JSON.stringify itself cannot build it.
    const deep = `${'{"d":'.repeat(10_000)}"bottom"${"}".repeat(10_000)}`;
    const resource = JSON.stringify(condition(patientId)).replace(/}$/, `,"extension":[${deep}]}`);
    const body = `{"query":${JSON.stringify(CREATE)},"variables":{"p":${JSON.stringify(patientId)},"r":${resource}}}`;
    const response = await post(api.url, body, doctor);
    const result = JSON.parse(response.text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(result.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors[0].message).toMatch(/nested deeper than 64/);
  });

  it("refuses a bundle with a null entry with BAD_USER_INPUT", async () => {
    const bundle = syntheaBundle(syntheaFiles()[1]);
    const patients = await count("patient");
    const result = await graphql(api.url, IMPORT, { b: { ...bundle, entry: [...bundle.entry, null] } }, doctor);
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0].message).toMatch(/entry \d+ is not a Bundle entry/);
    expect(await count("patient")).toBe(patients);
  });

  it("refuses a cursor beyond bigint with BAD_USER_INPUT", async () => {
    const after = Buffer.from(`seq:${"9".repeat(40)}`).toString("base64url");
    const result = await graphql(
      api.url,
      "query($a: String) { accessLog(first: 5, after: $a) { edges { cursor } } }",
      { a: after },
      patient,
    );
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("answers the loser of a duplicate-consent race with CONFLICT, not INTERNAL_SERVER_ERROR", async () => {
    const input = {
      grantee: demoWallet(DEMO.doctorB).address,
      resourceTypes: ["Observation"],
      recordIds: [],
      purpose: "TREAT",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const prepared = await graphql<{
      prepareConsent: { typedData: WalletTypedData; nonce: string };
    }>(api.url, "mutation($i: ConsentInput!) { prepareConsent(input: $i) { typedData nonce } }", { i: input }, patient);
    const { typedData, nonce } = prepared.data!.prepareConsent;
    const signature = await signWithEthers(demoWallet(DEMO.patient), typedData);
    const GRANT =
      "mutation($i: ConsentInput!, $n: String!, $s: String!) { grantConsent(input: $i, nonce: $n, signature: $s) { id state } }";
    const results = await Promise.all([1, 2, 3].map(() => graphql(api.url, GRANT, { i: input, n: nonce, s: signature }, patient)));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "CONFLICT", "OK"]);
    expect(await count("consent")).toBe(1);
  });

  it("puts a read tried with a forged session token in the patient's access log, as a denial", async () => {
    const forged = `${patient.split(".").slice(0, 2).join(".")}.${"A".repeat(43)}`; // a real header and claims, a made-up signature
    const result = await graphql(api.url, "query($p: ID!) { records(patientId: $p, first: 5) { totalCount } }", { p: patientId }, forged);
    expect(result.errors![0].extensions?.code).toBe("UNAUTHENTICATED");
    const log = await graphql<{ accessLog: { edges: { node: { actor: string | null; decision: string; reason: string } }[] } }>(
      api.url,
      "{ accessLog(first: 5) { edges { node { actor decision reason } } } }",
      {},
      patient,
    );
    expect(log.data!.accessLog.edges.map((e) => e.node)).toContainEqual({
      actor: null,
      decision: "DENY",
      reason: "invalid or expired session token",
    });
  });

  it("keeps a light read under a second while a heavy export of a large chart runs", async () => {
    const heavy = graphql(api.url, "query($p: ID!) { exportPatient(patientId: $p) }", { p: patientId }, patient);
    const started = Date.now();
    const light = await graphql(api.url, "{ health { ok } }");
    const lightMs = Date.now() - started;
    expect(light.data).toBeDefined();
    expect((await heavy).errors).toBeUndefined();
    expect(lightMs).toBeLessThan(1000);
  });
});

describe("rate limits", () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(
      testConfig(db.database, {
        limits: { ...DEFAULT_LIMITS, signInPerMinute: 12, failedSignInsPer15Minutes: 3, expensivePerMinute: 2 },
      }),
    );
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  const CHALLENGE = "mutation($a: String!) { authChallenge(address: $a) { message } }";

  it("purges expired challenges when new ones are issued", async () => {
    await graphql(api.url, CHALLENGE, { a: demoWallet(DEMO.patient3).address });
    await api.dataSource.query("UPDATE auth_challenge SET expires_at = now() - interval '1 hour'");
    await graphql(api.url, CHALLENGE, { a: demoWallet(DEMO.patient3).address });
    expect(Number(((await api.dataSource.query("SELECT count(*)::int AS n FROM auth_challenge")) as { n: number }[])[0].n)).toBe(1);
  });

  it("blocks sign-in after repeated failures, even with a good signature, and says when to retry", async () => {
    const wallet = demoWallet(DEMO.patient2);
    const SIGN_IN = "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }";
    for (let i = 0; i < 3; i++) {
      const { data } = await graphql<{ authChallenge: { message: string } }>(api.url, CHALLENGE, { a: wallet.address });
      const wrong = await demoWallet(DEMO.patient3).signMessage(data!.authChallenge.message);
      const refused = await graphql(api.url, SIGN_IN, { m: data!.authChallenge.message, s: wrong });
      expect(refused.errors![0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    const { data } = await graphql<{ authChallenge: { message: string } }>(api.url, CHALLENGE, { a: wallet.address });
    const good = await wallet.signMessage(data!.authChallenge.message);
    const response = await post(api.url, JSON.stringify({ query: SIGN_IN, variables: { m: data!.authChallenge.message, s: good } }));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = JSON.parse(response.text) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
  });

  it("caps sign-in requests per IP per minute; a flood creates no rows past the limit", async () => {
    // 12 a minute; the two tests above used 10.
    const before = Number(((await api.dataSource.query("SELECT count(*)::int AS n FROM auth_challenge")) as { n: number }[])[0].n);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => graphql(api.url, CHALLENGE, { a: demoWallet(DEMO.patient3).address })),
    );
    const limited = results.filter((r) => r.errors?.[0]?.extensions?.code === "RATE_LIMITED").length;
    expect(limited).toBeGreaterThanOrEqual(18);
    const after = Number(((await api.dataSource.query("SELECT count(*)::int AS n FROM auth_challenge")) as { n: number }[])[0].n);
    expect(after - before).toBeLessThanOrEqual(2);
  });
});
