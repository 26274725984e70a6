/**
 * Studies and anonymous enrollment over HTTP with a real credential, a real proof made with
 * the patient's prover, and the real contracts on the Hardhat chain.
 */
import { randomBytes } from "node:crypto";

import { buildEddsa, buildPoseidon } from "circomlibjs";

import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  testConfig,
  type TestDatabase,
  onTestChain,
} from "../testing/test-environment";
import {
  credentialMessage,
  dayNumber,
  eligibilityInput,
  encodeCondition,
  encodeCriteria,
  issuerKeyHash,
  nullifierOf,
  regionOfZip,
  SEX_CODES,
  type Credential,
  type PoseidonHash,
  type StudyCriteria,
} from "../zk/eligibility-encoding";
import { NotEligibleError, proveEligibility, releaseProver, type EligibilityProof } from "../zk/eligibility-prover";
import { REPO_ROOT } from "../config/config";

const SNOMED = "http://snomed.info/sct";
const ARTIFACTS = `${REPO_ROOT}/circuits/artifacts`;
const ENROLL =
  "mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { enroll(studyId: $s, proof: $p, publicSignals: $sig) { studyId nullifier txHash } }";

describe("studies and enrollment over HTTP", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let poseidon: PoseidonHash;
  let credential: Credential;
  let proof: EligibilityProof;
  const studyId = BigInt(`0x${randomBytes(6).toString("hex")}`).toString();
  const secret = 2718281828459045235360287n;
  const today = new Date().toISOString().slice(0, 10);
  const criteria: StudyCriteria = {
    minAge: 30,
    maxAge: 70,
    referenceDate: today,
    sexes: ["female", "male"],
    zip3: ["021"],
    anyOf: [{ system: SNOMED, code: "195967001" }],
    noneOf: [{ system: SNOMED, code: "254637007" }],
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
    const built = await buildPoseidon();
    poseidon = (inputs) => built.F.toObject(built(inputs));
    const eddsa = await buildEddsa();
    const issuerKey = Buffer.from("0b".repeat(32), "hex");
    const pub = eddsa.prv2pub(issuerKey);
    const birth = new Date();
    birth.setUTCFullYear(birth.getUTCFullYear() - 45);
    const attributes = {
      birthDays: dayNumber(birth.toISOString().slice(0, 10)),
      sex: SEX_CODES.male,
      region: regionOfZip("02139"),
      conditions: [encodeCondition(SNOMED, "195967001")],
      issuedDays: dayNumber(today) - 5,
      expiresDays: dayNumber(today) + 360,
      commitment: poseidon([secret]),
    };
    const signature = eddsa.signPoseidon(issuerKey, eddsa.F.e(credentialMessage(poseidon, attributes)));
    credential = {
      ...attributes,
      issuerPublicKey: [eddsa.F.toObject(pub[0]), eddsa.F.toObject(pub[1])],
      signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
    };
  });
  afterAll(async () => {
    await releaseProver();
    await api?.stop();
    await db?.cleanup();
  });

  const issuerHash = () => issuerKeyHash(poseidon, credential.issuerPublicKey).toString();

  it("lets a researcher describe the criteria, and refuses patients and bad criteria", async () => {
    const describe =
      "mutation($s: String!, $c: StudyCriteriaInput!, $i: String!) { describeStudy(studyId: $s, criteria: $c, issuerKeyHash: $i) { criteriaHash open summary } }";
    const patient = await signIn(api.url, demoWallet(DEMO.patient));
    expect((await graphql(api.url, describe, { s: studyId, c: criteria, i: issuerHash() }, patient)).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    const researcher = await signIn(api.url, demoWallet(DEMO.researcher));
    const bad = await graphql(api.url, describe, { s: studyId, c: { ...criteria, minAge: 80, maxAge: 20 }, i: issuerHash() }, researcher);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const described = await graphql<{ describeStudy: { criteriaHash: string; open: boolean; summary: string } }>(
      api.url,
      describe,
      { s: studyId, c: criteria, i: issuerHash() },
      researcher,
    );
    expect(described.errors).toBeUndefined();
    expect(described.data!.describeStudy.open).toBe(false);
    expect(described.data!.describeStudy.summary).toContain("aged 30–70");
    const input = eligibilityInput(poseidon, credential, secret, encodeCriteria(criteria), BigInt(studyId), dayNumber(today));
    expect(described.data!.describeStudy.criteriaHash).toBe(String(input.criteriaHash));
    expect((await graphql<{ studies: unknown[] }>(api.url, "{ studies { studyId } }")).data!.studies).toEqual([]);
  });

  it("lists the study once the ethics board opens it on chain and the admin trusts the issuer", async () => {
    const { data } = await graphql<{ study: { criteriaHash: string } }>(
      api.url,
      "query($s: String!) { study(studyId: $s) { criteriaHash } }",
      { s: studyId },
    );
    const gate = onTestChain("StudyGate", DEMO.ethics1);
    await (await gate.contract.openStudy(BigInt(studyId), BigInt(data!.study.criteriaHash), BigInt(issuerHash()))).wait();
    gate.close();
    const issuers = onTestChain("TrustedIssuerRegistry", DEMO.admin);
    if (!(await issuers.contract.isTrusted(BigInt(issuerHash())))) {
      await (await issuers.contract.addIssuer(BigInt(issuerHash()), demoWallet(DEMO.issuer).address)).wait();
    }
    issuers.close();

    const open = await graphql<{ studies: { studyId: string; open: boolean; onChainMatches: boolean }[] }>(
      api.url,
      "{ studies { studyId open onChainMatches } }",
    );
    expect(open.data!.studies).toContainEqual({ studyId, open: true, onChainMatches: true });
  });

  it("enrolls an eligible patient with a proof made on their side, without sign-in, once", async () => {
    const input = eligibilityInput(poseidon, credential, secret, encodeCriteria(criteria), BigInt(studyId), dayNumber(today));
    proof = await proveEligibility(ARTIFACTS, input);
    const enrolled = await graphql<{ enroll: { nullifier: string; txHash: string } }>(api.url, ENROLL, {
      s: studyId,
      p: proof.proof,
      sig: proof.publicSignals,
    });
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.data!.enroll.nullifier).toBe(String(nullifierOf(poseidon, secret, BigInt(studyId))));
    expect(enrolled.data!.enroll.txHash).toMatch(/^0x[0-9a-f]{64}$/);

    const again = await graphql(api.url, ENROLL, { s: studyId, p: proof.proof, sig: proof.publicSignals });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const logged = await api.dataSource.query(`SELECT actor, patient_id FROM access_log WHERE action = 'study.enroll'`);
    expect(logged).toEqual([{ actor: null, patient_id: null }]);
  });

  it("refuses a tampered proof with BAD_USER_INPUT before anything reaches the chain", async () => {
    const tampered = { ...proof.proof, pi_c: [proof.proof.pi_c[0], (BigInt(proof.proof.pi_c[1]) + 1n).toString(), proof.proof.pi_c[2]] };
    const result = await graphql(api.url, ENROLL, { s: studyId, p: tampered, sig: proof.publicSignals });
    expect(result.errors?.[0]).toMatchObject({ message: "the proof does not verify", extensions: { code: "BAD_USER_INPUT" } });
    const otherStudy = await graphql(api.url, ENROLL, { s: "1", p: proof.proof, sig: proof.publicSignals });
    expect(otherStudy.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const malformed = await graphql(api.url, ENROLL, { s: studyId, p: proof.proof, sig: ["1", "2"] });
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("gives a patient who does not meet the criteria no proof at all", async () => {
    const diabetesOnly = { ...criteria, anyOf: [{ system: SNOMED, code: "44054006" }] };
    const input = eligibilityInput(poseidon, credential, secret, encodeCriteria(diabetesOnly), BigInt(studyId), dayNumber(today));
    await expect(proveEligibility(ARTIFACTS, input)).rejects.toBeInstanceOf(NotEligibleError);
  });
});
