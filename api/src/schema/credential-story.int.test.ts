/**
 * The Zero-knowledge eligibility story over HTTP and chain: an issuer issues a credential to a
 * Synthea-imported patient from their records; the patient proves eligibility on their side
 * and is enrolled once; a study they do not qualify for gets no proof.
 */
import { randomBytes } from "node:crypto";

import { buildPoseidon } from "circomlibjs";

import { REPO_ROOT } from "../config/config";
import { startApi, type RunningApi } from "../server";
import {
  approvedStudyOverHttp,
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  syntheaBundle,
  testConfig,
  studyProposal,
  type TestDatabase,
  onTestChain,
} from "../testing/test-environment";
import {
  credentialFromJson,
  dayNumber,
  eligibilityInput,
  encodeCriteria,
  nullifierOf,
  type PoseidonHash,
  type StudyCriteria,
} from "../zk/eligibility-encoding";
import { NotEligibleError, proveEligibility, proveWithdrawal, releaseProver, type EligibilityProof } from "../zk/eligibility-prover";

const ARTIFACTS = `${REPO_ROOT}/circuits/artifacts`;
const SNOMED = "http://snomed.info/sct";
const BUNDLE = "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz"; // female, born 1986-11-28, ZIP 01915, active hypertension

describe("credential, proof and enrollment story", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let poseidon: PoseidonHash;
  let patientId: string;
  const tokens: Partial<Record<keyof typeof DEMO, string>> = {};
  const secret = BigInt(`0x${randomBytes(24).toString("hex")}`);
  let studyId = "";
  const today = new Date().toISOString().slice(0, 10);
  const hypertensionStudy: StudyCriteria = {
    minAge: 30,
    maxAge: 50,
    referenceDate: today,
    sexes: ["female"],
    zip3: ["019"],
    anyOf: [{ system: SNOMED, code: "38341003" }],
    noneOf: [{ system: SNOMED, code: "254637007" }],
  };
  /** Sends an enroll or withdraw mutation with a proof, as a patient's client would (no sign-in). */
  const submit = (operation: "enroll" | "withdraw", proof: EligibilityProof) =>
    graphql<Record<typeof operation, { nullifier: string }>>(
      api.url,
      `mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { ${operation}(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }`,
      { s: studyId, p: proof.proof, sig: proof.publicSignals },
    );
  const as = <T>(who: keyof typeof DEMO, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, tokens[who]);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
    const built = await buildPoseidon();
    poseidon = (inputs) => built.F.toObject(built(inputs));
    for (const who of ["admin", "doctorA", "patient", "issuer", "researcher", "doctorB", "ethics1", "ethics2"] as const)
      tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    const imported = await as<{ importBundle: { patientId: string } }>(
      "doctorA",
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      {
        b: syntheaBundle(BUNDLE),
        a: demoWallet(DEMO.patient).address,
      },
    );
    patientId = imported.data!.importBundle.patientId;
  });
  afterAll(async () => {
    await releaseProver();
    await api?.stop();
    await db?.cleanup();
  });

  it("issues a credential only to a patient who asked, and only by an issuer", async () => {
    const early = await as("issuer", "mutation($p: ID!) { issueCredential(patientId: $p) }", { p: patientId });
    expect(early.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const badCommitment = await as("patient", 'mutation { requestCredential(commitment: "not-a-number") }');
    expect(badCommitment.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const asked = await as("patient", "mutation($c: String!) { requestCredential(commitment: $c) }", { c: String(poseidon([secret])) });
    expect(asked.errors).toBeUndefined();
    const byDoctor = await as("doctorB", "mutation($p: ID!) { issueCredential(patientId: $p) }", { p: patientId });
    expect(byDoctor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const denied = await api.dataSource.query(`SELECT decision FROM access_log WHERE action = 'credential.issue' AND actor = $1`, [
      demoWallet(DEMO.doctorB).address,
    ]);
    expect(denied).toEqual([{ decision: "DENY" }]);
  });

  it("shows the issuer, and only the issuer, who is waiting for a credential", async () => {
    const QUEUE = "{ credentialRequests { patientId } }";
    expect((await as("doctorB", QUEUE)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await as<{ credentialRequests: unknown[] }>("issuer", QUEUE)).data!.credentialRequests).toEqual([{ patientId }]);
  });

  it("derives the attributes from the records and signs them; the patient finds the credential", async () => {
    const issued = await as<{ issueCredential: Record<string, unknown> }>(
      "issuer",
      "mutation($p: ID!) { issueCredential(patientId: $p) }",
      { p: patientId },
    );
    expect(issued.errors).toBeUndefined();
    const credential = credentialFromJson(issued.data!.issueCredential);
    expect(credential.birthDays).toBe(dayNumber("1986-11-28"));
    expect(credential.sex).toBe(1);
    expect(credential.region).toBe(20); // ZIP 019.. + 1
    expect(credential.conditions).toHaveLength(1);
    expect(credential.commitment).toBe(poseidon([secret]));
    const mine = await as<{ myCredentials: unknown[] }>("patient", "{ myCredentials }");
    expect(mine.data!.myCredentials).toEqual([issued.data!.issueCredential]);
    const queue = await as<{ credentialRequests: unknown[] }>("issuer", "{ credentialRequests { patientId } }");
    expect(queue.data!.credentialRequests).toEqual([]);
  });

  it("pins the patient's first commitment: a different one is refused, the same one may be asked again", async () => {
    const REQUEST = "mutation($c: String!) { requestCredential(commitment: $c) }";
    // A second pseudonym secret would give the same person new nullifiers: a second enrollment in every study.
    const other = await as("patient", REQUEST, { c: String(poseidon([secret + 1n])) });
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" }, message: expect.stringContaining("commitment") });
    expect(await api.dataSource.query(`SELECT commitment FROM credential_request WHERE patient_id = $1`, [patientId])).toEqual([
      { commitment: String(poseidon([secret])) },
    ]);
    // The same commitment again (a renewal, a second device that re-derived the secret) is fine.
    expect((await as("patient", REQUEST, { c: String(poseidon([secret])) })).errors).toBeUndefined();
    const issued = await as<{ issueCredential: Record<string, unknown> }>(
      "issuer",
      "mutation($p: ID!) { issueCredential(patientId: $p) }",
      { p: patientId },
    );
    expect(credentialFromJson(issued.data!.issueCredential).commitment).toBe(poseidon([secret]));

    // A lost wallet: only the issuer re-keys, with a reason the patient sees in their access log.
    const REKEY = "mutation($p: ID!, $c: String!, $r: String!) { rekeyCredential(patientId: $p, commitment: $c, reason: $r) }";
    const variables = { p: patientId, c: String(poseidon([secret + 7n])), r: "wallet lost; identity checked at the front desk" };
    expect((await as("patient", REKEY, variables)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await as("issuer", REKEY, { ...variables, r: "lost" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("issuer", REKEY, variables)).errors).toBeUndefined();
    expect(await api.dataSource.query(`SELECT commitment FROM credential_request WHERE patient_id = $1`, [patientId])).toEqual([
      { commitment: variables.c },
    ]);
    const trail = await api.dataSource.query(
      `SELECT decision, reason FROM access_log WHERE action = 'credential.rekey' AND patient_id = $1 ORDER BY seq`,
      [patientId],
    );
    expect(trail).toEqual([
      { decision: "DENY", reason: "only issuers re-key a patient's pseudonym commitment" },
      { decision: "ALLOW", reason: variables.r },
    ]);
    // Back to the secret the rest of this story uses (the issuer's re-key again).
    expect((await as("issuer", REKEY, { ...variables, c: String(poseidon([secret])) })).errors).toBeUndefined();
  });

  it("lets only the admin trust the custodian's issuer on chain", async () => {
    const { data } = await graphql<{ issuer: { keyHash: string; trusted: boolean } }>(api.url, "{ issuer { keyHash trusted } }");
    expect(data!.issuer.trusted).toBe(false);
    const TRUST = "mutation($k: String!, $a: String!) { trustIssuer(keyHash: $k, issuer: $a) }";
    const vars = { k: data!.issuer.keyHash, a: demoWallet(DEMO.issuer).address };
    expect((await as("issuer", TRUST, vars)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await as("admin", TRUST, { ...vars, k: "not-a-hash" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as<{ trustIssuer: boolean }>("admin", TRUST, vars)).data!.trustIssuer).toBe(true);
    expect((await as("admin", TRUST, vars)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const log = await api.dataSource.query(`SELECT decision FROM access_log WHERE action = 'issuer.trust' ORDER BY seq`);
    expect(log.map((e: { decision: string }) => e.decision)).toEqual(["DENY", "ALLOW", "ALLOW", "ALLOW"]);
    expect((await graphql<{ issuer: { trusted: boolean } }>(api.url, "{ issuer { trusted } }")).data!.issuer.trusted).toBe(true);
  });

  it("lets the patient prove eligibility on their side and enroll once", async () => {
    studyId = await approvedStudyOverHttp(
      api.url,
      tokens.researcher!,
      (["ethics1", "ethics2"] as const).map((who) => ({ token: tokens[who]!, wallet: demoWallet(DEMO[who]) })),
      studyProposal(hypertensionStudy),
    );

    const mine = await as<{ myCredentials: unknown[] }>("patient", "{ myCredentials }");
    const credential = credentialFromJson(mine.data!.myCredentials[0]);
    const proof = await proveEligibility(
      ARTIFACTS,
      eligibilityInput(poseidon, credential, secret, encodeCriteria(hypertensionStudy), BigInt(studyId), dayNumber(today)),
    );
    const first = await submit("enroll", proof);
    expect(first.errors).toBeUndefined();
    expect(first.data!.enroll.nullifier).toBe(String(nullifierOf(poseidon, secret, BigInt(studyId))));
    expect((await submit("enroll", proof)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("lets the participant withdraw with a proof of the same secret, once", async () => {
    const proof = await proveWithdrawal(ARTIFACTS, secret, BigInt(studyId));
    const forged = await proveWithdrawal(ARTIFACTS, secret + 1n, BigInt(studyId));
    // a pseudonym that never enrolled
    expect((await submit("withdraw", forged)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const tampered = { ...proof, proof: { ...proof.proof, pi_a: [proof.proof.pi_b[0][0], ...proof.proof.pi_a.slice(1)] } };
    expect((await submit("withdraw", tampered)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const done = await submit("withdraw", proof);
    expect(done.errors).toBeUndefined();
    expect(done.data!.withdraw.nullifier).toBe(String(nullifierOf(poseidon, secret, BigInt(studyId))));
    expect((await submit("withdraw", proof)).errors?.[0]?.extensions?.code).toBe("CONFLICT");

    const enrollment = onTestChain("EligibilityEnrollment");
    expect(await enrollment.contract.isWithdrawn(BigInt(studyId), BigInt(done.data!.withdraw.nullifier))).toBe(true);
    enrollment.close();
  });

  it("gives no proof for a study the patient does not qualify for (male only)", async () => {
    const mine = await as<{ myCredentials: unknown[] }>("patient", "{ myCredentials }");
    const credential = credentialFromJson(mine.data!.myCredentials[0]);
    const maleOnly = encodeCriteria({ ...hypertensionStudy, sexes: ["male"] });
    await expect(
      proveEligibility(ARTIFACTS, eligibilityInput(poseidon, credential, secret, maleOnly, BigInt(studyId), dayNumber(today))),
    ).rejects.toBeInstanceOf(NotEligibleError);
  });
});
