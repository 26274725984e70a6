/**
 * The claims issue's story over HTTP and a real Hardhat chain: an insurer publishes a policy
 * and registers a Synthea patient's coverage; the doctor who imported the patient claims an
 * encounter, which ClaimsRegistry approves with the payable amount it computes; the same items
 * again are refused as a duplicate; a claim citing a record version edited in the database is
 * refused as unanchored; a code outside the policy goes to review and the insurer decides; a
 * code needing prior authorisation is refused without one and approved with one; the insurer
 * reads only the records the patient's payment consent names; everything is in the access log.
 */
import type { HDNodeWallet } from "ethers";

import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  deploymentWithFreshAnchors,
  fhirCoverage,
  graphql,
  onTestChain,
  signIn,
  signLikeMetaMask,
  syntheaBundle,
  testConfig,
  type TestDatabase,
  type WalletTypedData,
} from "../testing/test-environment";

const BUNDLE = "Antonio_Castellanos_6d2eba67-5b4a-403f-a29f-e6da3f1ea963.json.gz";
const SNOMED = "http://snomed.info/sct";
const CLAIM_FIELDS = `id status reason reasonText billed planPays patientShare policyVersion chainStatus txHash use priorAuthId
  items { code serviceDate amount } evidence { recordId resourceType version intact where }
  claimResponse explanationOfBenefit decisionNote decisionStatus`;
const SUBMIT = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { ${CLAIM_FIELDS} } }`;
const REVIEW = `mutation($i: ReviewClaimInput!) { reviewClaim(input: $i) { ${CLAIM_FIELDS} } }`;
const PUBLISH =
  "mutation($i: PolicyInput!) { publishPolicy(input: $i) { id version chainStatus txHash rules { code coinsurancePercent } } }";
const REGISTER =
  "mutation($p: ID!, $c: JSONObject!) { registerCoverage(patientId: $p, coverage: $c) { id policyId start end chainStatus } }";
const RECORD = "query($id: ID!, $purpose: PurposeOfUse) { record(id: $id, purpose: $purpose) { id resourceType } }";

type Who = "doctorA" | "doctorB" | "patient" | "insurer" | "admin" | "researcher";
type Json = Record<string, unknown>;
interface ClaimData {
  id: string;
  status: string;
  reason: string;
  reasonText: string;
  billed: number;
  planPays: number;
  patientShare: number;
  policyVersion: number | null;
  chainStatus: string;
  txHash: string | null;
  use: string;
  priorAuthId: string | null;
  items: { code: string; serviceDate: string; amount: number }[];
  evidence: { recordId: string; resourceType: string; version: number; intact: boolean; where: string }[];
  claimResponse: Json;
  explanationOfBenefit: Json & { total: { category: { text?: string; coding: { code: string }[] }; amount: { value: number } }[] };
  decisionNote: string | null;
  decisionStatus: string | null;
}

/** The patient's share per item as the policy states it: copay, then coinsurance on the rest, never more than the item. */
const share = (amount: number, copay: number, bps: number): number => Math.min(amount, copay + Math.floor((amount * bps) / 10_000));

describe("claims story over HTTP and chain", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let deploymentsFile: string;
  let patientId: string;
  let coverageId: string;
  const tokens: Partial<Record<Who, string>> = {};
  const patientWallet: HDNodeWallet = demoWallet(DEMO.patient);
  const insurer = demoWallet(DEMO.insurer).address;
  const as = <T>(who: Who, query: string, variables: Record<string, unknown> = {}) => graphql<T>(api.url, query, variables, tokens[who]);
  const code = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code ?? "OK";

  const resources = () => syntheaBundle(BUNDLE).entry.map((e) => e.resource as Json);
  /** Synthea's claims of this patient: [0] an emergency suture (with a procedure), [1] a check-up. */
  const syntheaClaims = () => resources().filter((r) => r.resourceType === "Claim" && Array.isArray(r.procedure));
  const suture = () => syntheaClaims()[0];
  /** A claim for the check-up encounter, with the given items (and its own id, so it is a new claim). */
  const checkUpClaim = (id: string, items: Json[], extra: Json = {}): Json => {
    const base = syntheaClaims()[1];
    const encounter = (base.item as Json[])[0].encounter;
    return {
      ...base,
      id,
      procedure: undefined,
      diagnosis: undefined,
      item: items.map((item, i) => ({ sequence: i + 1, encounter, ...item })),
      ...extra,
    };
  };
  const priced = (itemCode: string, display: string, value: number, servicedDate?: string): Json => ({
    productOrService: { coding: [{ system: SNOMED, code: itemCode, display }] },
    ...(servicedDate ? { servicedDate } : {}),
    net: { value, currency: "USD" },
  });
  const submit = async (claim: Json, who: Who = "doctorA", priorAuthorizationId: string | null = null) => {
    const result = await as<{ submitClaim: ClaimData }>(who, SUBMIT, { i: { patientId, coverageId, claim, priorAuthorizationId } });
    return result;
  };
  const submitted = async (claim: Json, priorAuthorizationId: string | null = null): Promise<ClaimData> => {
    const result = await submit(claim, "doctorA", priorAuthorizationId);
    expect(result.errors).toBeUndefined();
    return result.data!.submitClaim;
  };
  const onChain = async (claimId: string) => {
    const { contract, close } = onTestChain("ClaimsRegistry", undefined, deploymentsFile);
    try {
      const o = await contract.outcome(claimId);
      return { status: Number(o.status), reason: Number(o.reason), planPays: Number(o.planPays), patientShare: Number(o.patientShare) };
    } finally {
      close();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    deploymentsFile = await deploymentWithFreshAnchors();
    api = await startApi(testConfig(db.database, { deploymentsFile }));
    for (const who of ["doctorA", "doctorB", "patient", "insurer", "admin", "researcher"] as const) {
      tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    }
    const imported = await as<{ importBundle: { patientId: string } }>(
      "doctorA",
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      { b: syntheaBundle(BUNDLE), a: patientWallet.address },
    );
    expect(imported.errors).toBeUndefined();
    patientId = imported.data!.importBundle.patientId;
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  const POLICY = {
    policyId: "harbor-gold",
    name: "Harbor Health Plan Gold",
    rules: [
      {
        code: "288086009",
        display: "Suture open wound",
        requiredRecordTypes: ["Procedure", "Encounter"],
        maxPerClaim: 1_500_000,
        copay: 5_000,
        coinsurancePercent: 20,
      },
      { code: "428191000124101", display: "Medication reconciliation", copay: 1_000 },
      { code: "73761001", display: "Colonoscopy", priorAuthRequired: true, maxPerClaim: 2_000_000, coinsurancePercent: 10 },
    ],
  };

  it("lets the insurer publish its policy on chain, idempotently, and no one else", async () => {
    expect(code(await as("admin", PUBLISH, { i: POLICY }))).toBe("FORBIDDEN");
    const badRule = { ...POLICY, rules: [{ code: "288086009", maxPerPeriod: 100 }] };
    expect(code(await as("insurer", PUBLISH, { i: badRule }))).toBe("BAD_USER_INPUT");
    const published = await as<{ publishPolicy: { id: string; version: number; chainStatus: string; txHash: string } }>(
      "insurer",
      PUBLISH,
      { i: POLICY },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishPolicy).toMatchObject({ id: "harbor-gold", version: 1, chainStatus: "CONFIRMED" });
    const again = await as<{ publishPolicy: { version: number; txHash: string } }>("insurer", PUBLISH, { i: POLICY });
    expect(again.data!.publishPolicy).toMatchObject({ version: 1, txHash: published.data!.publishPolicy.txHash });
    const denied = await api.dataSource.query(`SELECT actor, decision FROM access_log WHERE action = 'policy.publish' ORDER BY seq`);
    expect(denied).toEqual([
      { actor: demoWallet(DEMO.admin).address, decision: "DENY" },
      { actor: insurer, decision: "ALLOW" },
    ]);
  });

  it("registers the patient's FHIR Coverage (by the insurer; not by a stranger), once", async () => {
    const coverage = fhirCoverage(patientId, "harbor-gold", "2010-01-01", "2020-12-31");
    expect(code(await as("doctorB", REGISTER, { p: patientId, c: coverage }))).toBe("FORBIDDEN");
    const unknownPlan = fhirCoverage(patientId, "no-such-plan", "2010-01-01", "2020-12-31");
    expect(code(await as("insurer", REGISTER, { p: patientId, c: unknownPlan }))).toBe("NOT_FOUND");
    const registered = await as<{ registerCoverage: { id: string; start: string; end: string; chainStatus: string } }>(
      "insurer",
      REGISTER,
      {
        p: patientId,
        c: coverage,
      },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerCoverage).toMatchObject({ start: "2010-01-01", end: "2020-12-31", chainStatus: "CONFIRMED" });
    coverageId = registered.data!.registerCoverage.id;
    const again = await as<{ registerCoverage: { id: string } }>("patient", REGISTER, { p: patientId, c: coverage });
    expect(again.data!.registerCoverage.id).toBe(coverageId);
    const seen = await as<{ coverage: { id: string }[] }>("doctorA", "query($p: ID!) { coverage(patientId: $p) { id } }", { p: patientId });
    expect(seen.data!.coverage).toEqual([{ id: coverageId }]);
  });

  it("holds a coverage the patient registers until the insurer accepts it: no claim against it before", async () => {
    const later = fhirCoverage(patientId, "harbor-gold", "2021-01-01", "2021-12-31");
    const proposed = await as<{ registerCoverage: { id: string; state: string; chainStatus: string } }>(
      "patient",
      "mutation($p: ID!, $c: JSONObject!) { registerCoverage(patientId: $p, coverage: $c) { id state chainStatus } }",
      { p: patientId, c: later },
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.registerCoverage).toMatchObject({ state: "PROPOSED", chainStatus: "PENDING" });
    const laterId = proposed.data!.registerCoverage.id;
    const early = await as<{ submitClaim: ClaimData }>("doctorA", SUBMIT, {
      i: { patientId, coverageId: laterId, claim: { ...suture(), id: "0d6c9a0e-2f7a-4a55-9e59-b3a3c7f6b0ff" } },
    });
    expect(code(early)).toBe("CONFLICT");

    const requests = await as<{ coverageRequests: { id: string; patientId: string }[] }>(
      "insurer",
      "{ coverageRequests { id patientId } }",
    );
    expect(requests.data!.coverageRequests).toEqual([{ id: laterId, patientId }]);
    const accept = "mutation($id: ID!) { acceptCoverage(id: $id) { id state chainStatus } }";
    expect(code(await as("doctorB", accept, { id: laterId }))).toBe("FORBIDDEN");
    const accepted = await as<{ acceptCoverage: { state: string; chainStatus: string } }>("insurer", accept, { id: laterId });
    expect(accepted.data!.acceptCoverage).toEqual({ id: laterId, state: "ACTIVE", chainStatus: "CONFIRMED" });
    // Accepting again changes nothing.
    expect((await as<{ acceptCoverage: { state: string } }>("insurer", accept, { id: laterId })).data!.acceptCoverage.state).toBe("ACTIVE");
    expect((await as<{ coverageRequests: unknown[] }>("insurer", "{ coverageRequests { id } }")).data!.coverageRequests).toEqual([]);
  });

  let approved: ClaimData;

  it("auto-approves the Synthea emergency claim with the payable amount computed on chain", async () => {
    approved = await submitted(suture());
    const amount = 1_132_932;
    const patientShare = share(amount, 5_000, 2_000);
    expect(approved).toMatchObject({
      status: "APPROVED",
      reason: "None",
      billed: amount,
      planPays: amount - patientShare,
      patientShare,
      policyVersion: 1,
      chainStatus: "CONFIRMED",
    });
    expect(approved.items).toEqual([{ code: "288086009", serviceDate: "2013-01-04", amount }]);
    expect(approved.evidence.map((e) => e.resourceType).sort()).toEqual(["Condition", "Encounter", "Procedure"]);
    expect(approved.evidence.every((e) => e.intact)).toBe(true);
    // The chain's own record of it, read straight from ClaimsRegistry.
    expect(await onChain(approved.id)).toEqual({ status: 1, reason: 0, planPays: amount - patientShare, patientShare });
    // The same claim sent again (a retry) is the same claim: no second adjudication.
    const again = await submitted(suture());
    expect(again).toMatchObject({ id: approved.id, txHash: approved.txHash, status: "APPROVED" });
  });

  it("refuses the same items billed again under another claim id as a duplicate", async () => {
    const rebilled = await submitted({ ...suture(), id: "0d6c9a0e-2f7a-4a55-9e59-b3a3c7f6b001" });
    expect(rebilled).toMatchObject({ status: "REJECTED", reason: "Duplicate", planPays: 0 });
    expect(rebilled.id).not.toBe(approved.id);
    expect((await onChain(rebilled.id)).reason).toBe(5);
  });

  it("refuses a claim by a doctor with no treatment relationship, and logs the attempt for the patient", async () => {
    const result = await submit({ ...suture(), id: "0d6c9a0e-2f7a-4a55-9e59-b3a3c7f6b002" }, "doctorB");
    expect(code(result)).toBe("FORBIDDEN");
    const log = await as<{ accessLog: { edges: { node: { action: string; decision: string; actor: string } }[] } }>(
      "patient",
      "{ accessLog(first: 100) { edges { node { action decision actor } } } }",
    );
    expect(log.data!.accessLog.edges.map((e) => e.node)).toContainEqual({
      action: "claim.submit",
      decision: "DENY",
      actor: demoWallet(DEMO.doctorB).address,
    });
  });

  it("refuses a claim citing a record version edited in the database; the corrected claim passes once the content is restored", async () => {
    const reconciliation = priced("428191000124101", "Medication reconciliation (procedure)", 526.99);
    const encounterFhirId = String(((syntheaClaims()[1].item as Json[])[0].encounter as { reference: string }[])[0].reference).slice(9);
    const encounters = await as<{ records: { edges: { node: { id: string; fhirId: string } }[] } }>(
      "doctorA",
      'query($p: ID!) { records(patientId: $p, purpose: TREAT, first: 100, filter: { resourceTypes: ["Encounter"] }) { edges { node { id fhirId } } } }',
      { p: patientId },
    );
    const encounterId = encounters.data!.records.edges.find((e) => e.node.fhirId === encounterFhirId)!.node.id;
    const [{ sealed }] = (await api.dataSource.query(
      `SELECT sealed FROM record_version WHERE record_id = $1 ORDER BY version DESC LIMIT 1`,
      [encounterId],
    )) as { sealed: Buffer }[];
    await api.dataSource.query(`UPDATE record_version SET sealed = sealed || '\\x00'::bytea WHERE record_id = $1`, [encounterId]);
    const tampered = await submitted(
      checkUpClaim("a1b2c3d4-0000-4000-8000-000000000002", [{ ...reconciliation, servicedDate: "2016-08-14" }]),
    );
    expect(tampered).toMatchObject({ status: "REJECTED", reason: "UnanchoredEvidence" });
    // Synthea's claim also cites the immunization given that day: intact, but one altered citation is enough.
    expect(tampered.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordId: encounterId, resourceType: "Encounter", intact: false }),
        expect.objectContaining({ resourceType: "Immunization", intact: true }),
      ]),
    );
    expect((await onChain(tampered.id)).reason).toBe(6);

    await api.dataSource.query(`UPDATE record_version SET sealed = $2 WHERE record_id = $1`, [encounterId, sealed]);
    const corrected = await submitted(
      checkUpClaim("a1b2c3d4-0000-4000-8000-000000000003", [{ ...reconciliation, servicedDate: "2016-08-14" }]),
    );
    expect(corrected).toMatchObject({ status: "APPROVED", planPays: 52_699 - 1_000, patientShare: 1_000 });
  });

  it("refuses a service date outside the coverage period", async () => {
    const late = await submitted(
      checkUpClaim("a1b2c3d4-0000-4000-8000-000000000004", [priced("428191000124101", "Medication reconciliation", 300, "2021-03-01")]),
    );
    expect(late).toMatchObject({ status: "REJECTED", reason: "OutsideCoverage" });
  });

  it("sends a code outside the policy to review; only its insurer decides, once, with a reason to reject", async () => {
    const vaccine = priced("140", "Influenza, seasonal, injectable, preservative free", 140.52, "2016-08-13");
    const inReview = await submitted(checkUpClaim("a1b2c3d4-0000-4000-8000-000000000005", [vaccine]));
    expect(inReview).toMatchObject({ status: "REVIEW", reason: "NotCovered", chainStatus: "CONFIRMED" });
    const queue = await as<{ claims: { totalCount: number; edges: { node: { id: string } }[] } }>(
      "insurer",
      "{ claims(filter: { status: REVIEW }) { totalCount edges { node { id } } } }",
    );
    expect(queue.data!.claims).toEqual({ totalCount: 1, edges: [{ node: { id: inReview.id } }] });

    expect(code(await as("doctorA", REVIEW, { i: { claimId: inReview.id, approve: true } }))).toBe("FORBIDDEN");
    expect(code(await as("insurer", REVIEW, { i: { claimId: inReview.id, approve: false } }))).toBe("BAD_USER_INPUT");
    expect(code(await as("insurer", REVIEW, { i: { claimId: inReview.id, approve: true, planPays: 20_000 } }))).toBe("BAD_USER_INPUT");
    const decided = await as<{ reviewClaim: ClaimData }>("insurer", REVIEW, {
      i: { claimId: inReview.id, approve: true, planPays: 10_000, note: "seasonal vaccine covered as preventive care" },
    });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.reviewClaim).toMatchObject({
      status: "APPROVED",
      planPays: 10_000,
      patientShare: 4_052,
      decisionStatus: "CONFIRMED",
      decisionNote: "seasonal vaccine covered as preventive care",
    });
    expect(await onChain(inReview.id)).toMatchObject({ status: 1, planPays: 10_000, patientShare: 4_052 });
    expect(code(await as("insurer", REVIEW, { i: { claimId: inReview.id, approve: false, note: "changed my mind" } }))).toBe("CONFLICT");
  });

  it("refuses a colonoscopy without prior authorisation, approves the request, then the claim that references it", async () => {
    const colonoscopy = priced("73761001", "Colonoscopy", 14_000, "2016-09-01");
    const without = await submitted(checkUpClaim("a1b2c3d4-0000-4000-8000-000000000006", [colonoscopy]));
    expect(without).toMatchObject({ status: "REJECTED", reason: "PriorAuthRequired" });

    const request = await submitted(checkUpClaim("a1b2c3d4-0000-4000-8000-000000000007", [colonoscopy], { use: "preauthorization" }));
    expect(request).toMatchObject({ use: "PREAUTHORIZATION", status: "APPROVED" });
    expect(request.claimResponse).toMatchObject({ resourceType: "ClaimResponse", outcome: "complete", preAuthRef: request.id });

    const withAuth = await submitted(checkUpClaim("a1b2c3d4-0000-4000-8000-000000000006", [colonoscopy]), request.id);
    expect(withAuth).toMatchObject({ status: "APPROVED", priorAuthId: request.id, patientShare: 140_000, planPays: 1_260_000 });
    expect(code(await submit(checkUpClaim("a1b2c3d4-0000-4000-8000-000000000008", [colonoscopy]), "doctorA", `0x${"ab".repeat(32)}`))).toBe(
      "NOT_FOUND",
    );
  });

  it("lets the insurer read only the records the patient's payment consent names", async () => {
    const [procedure] = approved.evidence.filter((e) => e.resourceType === "Procedure");
    expect(code(await as("insurer", RECORD, { id: procedure.recordId, purpose: "HPAYMT" }))).toBe("NOT_FOUND");
    const asked = await as<{ requestAccess: { id: string } }>(
      "insurer",
      "mutation($i: AccessRequestInput!) { requestAccess(input: $i) { id } }",
      { i: { patientId, recordIds: approved.evidence.map((e) => e.recordId), purpose: "HPAYMT", reason: "claim audit for the suture" } },
    );
    expect(asked.errors).toBeUndefined();
    expect(
      code(
        await as("insurer", "mutation($i: AccessRequestInput!) { requestAccess(input: $i) { id } }", {
          i: { patientId, resourceTypes: ["Condition"], purpose: "TREAT", reason: "wants more than payment" },
        }),
      ),
    ).toBe("FORBIDDEN");
    const input = {
      grantee: insurer,
      recordIds: approved.evidence.map((e) => e.recordId),
      resourceTypes: [],
      purpose: "HPAYMT",
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      requestId: asked.data!.requestAccess.id,
    };
    const prepared = await as<{ prepareConsent: { typedData: WalletTypedData; nonce: string } }>(
      "patient",
      "mutation($i: ConsentInput!) { prepareConsent(input: $i) { typedData nonce } }",
      { i: input },
    );
    const granted = await as<{ grantConsent: { state: string } }>(
      "patient",
      "mutation($i: ConsentInput!, $n: String!, $s: String!) { grantConsent(input: $i, nonce: $n, signature: $s) { state } }",
      { i: input, n: prepared.data!.prepareConsent.nonce, s: signLikeMetaMask(patientWallet, prepared.data!.prepareConsent.typedData) },
    );
    expect(granted.data!.grantConsent.state).toBe("ACTIVE");

    expect(code(await as("insurer", RECORD, { id: procedure.recordId, purpose: "HPAYMT" }))).toBe("OK");
    expect(code(await as("insurer", RECORD, { id: procedure.recordId, purpose: "TREAT" }))).toBe("NOT_FOUND");
    const chart = await as<{ records: { totalCount: number; edges: { node: { id: string } }[] } }>(
      "insurer",
      "query($p: ID!) { records(patientId: $p, purpose: HPAYMT, first: 500) { totalCount edges { node { id } } } }",
      { p: patientId },
    );
    expect(chart.data!.records.edges.map((e) => e.node.id).sort()).toEqual(approved.evidence.map((e) => e.recordId).sort());
    const observation = (
      await as<{ records: { edges: { node: { id: string } }[] } }>(
        "patient",
        'query($p: ID!) { records(patientId: $p, first: 1, filter: { resourceTypes: ["Observation"] }) { edges { node { id } } } }',
        { p: patientId },
      )
    ).data!.records.edges[0].node.id;
    expect(code(await as("insurer", RECORD, { id: observation, purpose: "HPAYMT" }))).toBe("NOT_FOUND");
  });

  it("pages claims for each party, and gives the patient an explanation of benefit", async () => {
    const page =
      "query($after: String) { claims(first: 3, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
    type Page = {
      claims: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const first = await as<Page>("insurer", page);
    const total = first.data!.claims.totalCount;
    expect(total).toBeGreaterThanOrEqual(9);
    const ids = first.data!.claims.edges.map((e) => e.node.id);
    let after = first.data!.claims.pageInfo.endCursor;
    for (let more = first.data!.claims.pageInfo.hasNextPage; more;) {
      const next = await as<Page>("insurer", page, { after });
      ids.push(...next.data!.claims.edges.map((e) => e.node.id));
      more = next.data!.claims.pageInfo.hasNextPage;
      after = next.data!.claims.pageInfo.endCursor;
    }
    expect(new Set(ids).size).toBe(total);
    expect((await as<Page>("patient", page)).data!.claims.totalCount).toBe(total);
    expect((await as<Page>("doctorB", page)).data!.claims.totalCount).toBe(0);
    expect(code(await as("researcher", page))).toBe("FORBIDDEN");
    expect(code(await as("doctorB", `query($id: ID!) { claim(id: $id) { id } }`, { id: approved.id }))).toBe("NOT_FOUND");

    const mine = await as<{ claim: ClaimData }>("patient", `query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`, { id: approved.id });
    const eob = mine.data!.claim.explanationOfBenefit;
    expect(eob).toMatchObject({ resourceType: "ExplanationOfBenefit", outcome: "complete" });
    const totals = Object.fromEntries(eob.total.map((t) => [t.category.coding[0].code, t.amount.value]));
    expect(totals).toEqual({ submitted: 11_329.32, benefit: approved.planPays / 100, copay: approved.patientShare / 100 });
    // Exportable like the records: the patient's own export holds an explanation of benefit per claim; a doctor's holds none.
    // (Synthea's own EOBs are records of the chart; ours name the MedLedger claim they explain.)
    type Bundle = { exportPatient: { entry: { resource: { resourceType: string; claim?: { identifier?: { system: string } } } }[] } };
    const ours = (bundle: Bundle) =>
      bundle.exportPatient.entry.filter(
        (e) => e.resource.resourceType === "ExplanationOfBenefit" && e.resource.claim?.identifier?.system === "urn:medledger:claim",
      );
    const exported = await as<Bundle>("patient", "query($p: ID!) { exportPatient(patientId: $p) }", { p: patientId });
    expect(ours(exported.data!).length).toBe(total);
    const byDoctor = await as<Bundle>("doctorA", "query($p: ID!) { exportPatient(patientId: $p, purpose: TREAT) }", { p: patientId });
    expect(ours(byDoctor.data!)).toEqual([]);
    const reads = await api.dataSource.query(`SELECT decision FROM access_log WHERE action = 'claim.read' ORDER BY seq`);
    expect(reads).toEqual([{ decision: "DENY" }, { decision: "ALLOW" }]);
  });
});
