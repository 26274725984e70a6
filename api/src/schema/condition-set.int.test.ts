/**
 * Sound condition sets: a credential states ALL of a patient's active coded conditions, so a
 * study's exclusions cannot be dodged by having many newer conditions (credentials used to
 * hold the 8 most recent codes). Issuance, cohort counts and the circuit agree on the full set,
 * shown with patients who have 120+ codes, over HTTP with real proofs.
 */
import { randomBytes, randomUUID } from "node:crypto";

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
  studyProposal,
  syntheaBundle,
  testConfig,
  trustIssuer,
  type SyntheaBundle,
  type TestDatabase,
} from "../testing/test-environment";
import {
  credentialFromJson,
  dayNumber,
  eligibilityInput,
  encodeCondition,
  encodeCriteria,
  type PoseidonHash,
  type StudyCriteria,
} from "../zk/eligibility-encoding";
import { NotEligibleError, proveEligibility, releaseProver } from "../zk/eligibility-prover";

const ARTIFACTS = `${REPO_ROOT}/circuits/artifacts`;
const SNOMED = "http://snomed.info/sct";
const BUNDLE = "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz"; // female, born 1986-11-28, ZIP 01915, active hypertension
const LUNG_CANCER = "254637007";
const FILLER = (n: number): string[] => Array.from({ length: n }, (_, i) => `7${String(i).padStart(8, "0")}`);

/**
 * Liz Conn's bundle as a new patient (fresh ids) with extra active conditions, the first one
 * the oldest: `codes[0]` in 2001, then one a month.
 */
function patientWith(codes: string[]): SyntheaBundle {
  const base = syntheaBundle(BUNDLE);
  const oldPatientId = base.entry.find((e) => e.resource.resourceType === "Patient")!.resource.id as string;
  const bundle = JSON.parse(JSON.stringify(base).replaceAll(oldPatientId, randomUUID())) as SyntheaBundle;
  const patientRef = bundle.entry.find((e) => e.resource.resourceType === "Patient")!.fullUrl;
  codes.forEach((code, i) => {
    const id = randomUUID();
    bundle.entry.push({
      fullUrl: `urn:uuid:${id}`,
      resource: {
        resourceType: "Condition",
        id,
        clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }] },
        code: { coding: [{ system: SNOMED, code }] },
        subject: { reference: patientRef },
        onsetDateTime: new Date(Date.UTC(2001, i, 1)).toISOString(),
      },
      request: { method: "POST", url: "Condition" },
    } as SyntheaBundle["entry"][number]);
  });
  return bundle;
}

describe("complete condition lists in credentials, cohorts and proofs", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let poseidon: PoseidonHash;
  const tokens: Partial<Record<keyof typeof DEMO, string>> = {};
  const secret = BigInt(`0x${randomBytes(24).toString("hex")}`);
  const today = new Date().toISOString().slice(0, 10);
  /** Women 30–50 near ZIP 019 with hypertension, without lung cancer. */
  const study: StudyCriteria = {
    minAge: 30,
    maxAge: 50,
    referenceDate: today,
    sexes: ["female"],
    zip3: ["019"],
    anyOf: [{ system: SNOMED, code: "38341003" }],
    noneOf: [{ system: SNOMED, code: LUNG_CANCER }],
  };
  let hiddenExclusion = ""; // the patient with lung cancer (the oldest of 121 extra codes)
  let studyId = "";
  const as = <T>(who: keyof typeof DEMO, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, tokens[who]);
  const importBundle = async (bundle: SyntheaBundle, account: string | null): Promise<string> => {
    const result = await as<{ importBundle: { patientId: string } }>(
      "doctorA",
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      { b: bundle, a: account },
    );
    if (!result.data) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
    return result.data.importBundle.patientId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
    const built = await buildPoseidon();
    poseidon = (inputs) => built.F.toObject(built(inputs));
    for (const who of ["doctorA", "patient", "issuer", "researcher", "ethics1", "ethics2"] as const)
      tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    // The one with lung cancer, diagnosed before 120 newer conditions; three like her without it.
    hiddenExclusion = await importBundle(patientWith([LUNG_CANCER, ...FILLER(120)]), demoWallet(DEMO.patient).address);
    for (let i = 0; i < 3; i++) await importBundle(patientWith(FILLER(120)), null);
    await trustIssuer(api.url);
    studyId = await approvedStudyOverHttp(
      api.url,
      tokens.researcher!,
      (["ethics1", "ethics2"] as const).map((who) => ({ token: tokens[who]!, wallet: demoWallet(DEMO[who]) })),
      studyProposal(study),
    );
  });
  afterAll(async () => {
    await releaseProver();
    await api?.stop();
    await db?.cleanup();
  });

  it("issues a credential that states every active coded condition, the oldest included", async () => {
    expect(
      (await as("patient", "mutation($c: String!) { requestCredential(commitment: $c) }", { c: String(poseidon([secret])) })).errors,
    ).toBeUndefined();
    const issued = await as<{ issueCredential: Record<string, unknown> }>(
      "issuer",
      "mutation($p: ID!) { issueCredential(patientId: $p) }",
      {
        p: hiddenExclusion,
      },
    );
    expect(issued.errors).toBeUndefined();
    const credential = credentialFromJson(issued.data!.issueCredential);
    expect(credential.conditions).toHaveLength(122); // hypertension, lung cancer, 120 others
    expect(credential.conditions).toContain(encodeCondition(SNOMED, LUNG_CANCER));
    expect(credential.conditions).toContain(encodeCondition(SNOMED, "38341003"));
  });

  it("counts the cohort on the same full set: the excluded patient is out", async () => {
    const COUNT = "query($s: String!, $c: StudyCriteriaInput) { cohortCount(studyId: $s, criteria: $c) { total { value suppressed } } }";
    const withExclusion = await as<{ cohortCount: { total: { value: number } } }>("researcher", COUNT, { s: studyId, c: null });
    expect(withExclusion.errors).toBeUndefined();
    expect(withExclusion.data!.cohortCount.total.value).toBe(3);
    const withoutExclusion = await as<{ cohortCount: { total: { value: number } } }>("researcher", COUNT, {
      s: studyId,
      c: { ...study, noneOf: [] },
    });
    expect(withoutExclusion.data!.cohortCount.total.value).toBe(4);
  });

  it("gives the excluded patient no proof for the study, and a proof for the same study without the exclusion", async () => {
    const mine = await as<{ myCredentials: unknown[] }>("patient", "{ myCredentials }");
    const credential = credentialFromJson(mine.data!.myCredentials[0]);
    const input = (criteria: StudyCriteria) =>
      eligibilityInput(poseidon, credential, secret, encodeCriteria(criteria), BigInt(studyId), dayNumber(today));
    await expect(proveEligibility(ARTIFACTS, input(study))).rejects.toBeInstanceOf(NotEligibleError);
    const proof = await proveEligibility(ARTIFACTS, input({ ...study, noneOf: [] }));
    expect(proof.publicSignals).toHaveLength(5);
  });

  it("refuses a credential rather than leave conditions out (more than 256 codes), and audits the refusal", async () => {
    const crowded = await importBundle(patientWith(FILLER(256)), null);
    // No account is linked to this patient, so their request is put in the issuer's queue directly.
    await api.dataSource.query(`INSERT INTO credential_request (patient_id, commitment, requested_at) VALUES ($1, $2, now())`, [
      crowded,
      String(poseidon([secret + 1n])),
    ]);
    const refused = await as("issuer", "mutation($p: ID!) { issueCredential(patientId: $p) }", { p: crowded });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("at most 256") });
    expect(
      await api.dataSource.query(`SELECT decision, reason FROM access_log WHERE action = 'credential.issue' AND patient_id = $1`, [
        crowded,
      ]),
    ).toEqual([{ decision: "DENY", reason: expect.stringContaining("257 distinct active coded conditions") }]);
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM credential WHERE patient_id = $1`, [crowded])).toEqual([{ n: 0 }]);
  });
});
