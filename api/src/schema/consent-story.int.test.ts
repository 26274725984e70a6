/**
 * The Records issue's story over HTTP with real signatures (EIP-4361 sign-in, EIP-712
 * consents) relayed to a real Hardhat chain: denied, request, consent, scoped reads, revoke,
 * denied again, break-glass; the patient sees every step in their access log.
 */
import type { HDNodeWallet } from "ethers";

import { verifyInclusion } from "../domain/anchoring/anchor.service";
import { canonicalJson, sha256Hex } from "../domain/ledger-hash";
import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  deploymentWithFreshAnchors,
  graphql,
  signIn,
  signLikeMetaMask,
  signWithEthers,
  syntheaBundle,
  syntheaFiles,
  testConfig,
  type TestDatabase,
  type WalletTypedData,
  onTestChain,
} from "../testing/test-environment";

/** AnchorRegistry.Kind.AccessLog */
const ACCESS_LOG_KIND = 1;
const BUNDLE = "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz";
const RECORDS = `query($p: ID!, $purpose: PurposeOfUse, $types: [String!]) {
  records(patientId: $p, purpose: $purpose, first: 500, filter: { resourceTypes: $types }) { totalCount edges { node { id resourceType } } } }`;
const RECORD = "query($id: ID!, $purpose: PurposeOfUse) { record(id: $id, purpose: $purpose) { id resourceType } }";

type TypedData = WalletTypedData;
interface RecordsData {
  records: { totalCount: number; edges: { node: { id: string; resourceType: string } }[] };
}

describe("consent story over HTTP", () => {
  let db: TestDatabase;
  let api: RunningApi;
  const tokens: Partial<Record<keyof typeof DEMO, string>> = {};
  const patientWallet: HDNodeWallet = demoWallet(DEMO.patient);
  const doctorB = demoWallet(DEMO.doctorB).address;
  let patientId: string;
  let deploymentsFile: string;
  const idsByType = new Map<string, string>();

  const as = <T>(who: keyof typeof DEMO, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, tokens[who]);
  // The patient signs in MetaMask's way (eth_signTypedData_v4, MetaMask's own library): what a browser wallet does.
  const sign = async (typed: TypedData) => signLikeMetaMask(patientWallet, typed);
  const readAsB = async (type: string, purpose = "TREAT") =>
    (await as<{ record: { id: string } }>("doctorB", RECORD, { id: idsByType.get(type), purpose })).errors?.[0]?.extensions?.code ?? "OK";

  const MY_PATIENTS = `query($first: Int, $after: String) { myPatients(first: $first, after: $after) {
    edges { cursor node { id authored consentUntil breakGlassUntil name birthDate gender } } pageInfo { hasNextPage endCursor } } }`;
  interface CarePatient {
    id: string;
    authored: boolean;
    consentUntil: string | null;
    breakGlassUntil: string | null;
    name: string | null;
    birthDate: string | null;
    gender: string | null;
  }
  type MyPatients = {
    myPatients: { edges: { cursor: string; node: CarePatient }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
  const myPatients = async (who: keyof typeof DEMO, first = 10, after: string | null = null) => {
    const result = await as<MyPatients>(who, MY_PATIENTS, { first, after });
    expect(result.errors).toBeUndefined();
    return result.data!.myPatients;
  };
  /** Who the bundle's Patient is, read from the bundle itself. */
  const bundlePatient = (file: string) => {
    const resource = syntheaBundle(file)
      .entry.map((e) => e.resource as Record<string, unknown>)
      .find((r) => r.resourceType === "Patient")!;
    const [name] = resource.name as { given: string[]; family: string }[];
    return { name: `${name.given.join(" ")} ${name.family}`, birthDate: resource.birthDate, gender: resource.gender };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    deploymentsFile = await deploymentWithFreshAnchors();
    api = await startApi(testConfig(db.database, { breakGlassSeconds: 600, deploymentsFile }));
    for (const who of ["doctorA", "doctorB", "patient", "admin"] as const) tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    const imported = await as<{ importBundle: { patientId: string } }>(
      "doctorA",
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      {
        b: syntheaBundle(BUNDLE),
        a: patientWallet.address,
      },
    );
    patientId = imported.data!.importBundle.patientId;
    const allergy = {
      resourceType: "AllergyIntolerance",
      clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", code: "active" }] },
      code: { coding: [{ system: "http://snomed.info/sct", code: "91936005", display: "Allergy to penicillin" }] },
      patient: { reference: "Patient/ee9f8dd8-72d2-4769-8020-89e504b1504b" },
    };
    const created = await as("doctorA", "mutation($p: ID!, $r: JSONObject!) { createRecord(patientId: $p, resource: $r) { id } }", {
      p: patientId,
      r: allergy,
    });
    expect(created.errors).toBeUndefined();
    const all = await as<RecordsData>("patient", RECORDS, { p: patientId });
    for (const { node } of all.data!.records.edges) if (!idsByType.has(node.resourceType)) idsByType.set(node.resourceType, node.id);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  const consentInput = () => ({
    grantee: doctorB,
    resourceTypes: ["Condition", "Observation"],
    purpose: "TREAT",
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });

  it("denies doctor B before any consent", async () => {
    expect(await readAsB("Condition")).toBe("NOT_FOUND");
    expect((await as<RecordsData>("doctorB", RECORDS, { p: patientId, purpose: "TREAT" })).data!.records.totalCount).toBe(0);
  });

  it("lets doctor B request access and the patient see the pending request", async () => {
    const request = await as<{ requestAccess: { id: string; status: string } }>(
      "doctorB",
      "mutation($i: AccessRequestInput!) { requestAccess(input: $i) { id status } }",
      { i: { patientId, resourceTypes: ["Condition", "Observation"], purpose: "TREAT", reason: "second opinion on asthma" } },
    );
    expect(request.data!.requestAccess.status).toBe("PENDING");
    const pending = await as<{ accessRequests: { id: string; requester: string; status: string }[] }>(
      "patient",
      "{ accessRequests { id requester status } }",
    );
    expect(pending.data!.accessRequests).toEqual([{ id: request.data!.requestAccess.id, requester: doctorB, status: "PENDING" }]);
  });

  it("refuses a consent signed by the wrong key, and a tampered one, changing nothing", async () => {
    const input = consentInput();
    const prepared = await as<{ prepareConsent: { typedData: TypedData; nonce: string } }>(
      "patient",
      "mutation($i: ConsentInput!) { prepareConsent(input: $i) { typedData nonce } }",
      { i: input },
    );
    const typed = prepared.data!.prepareConsent.typedData;
    const wrongKey = await signWithEthers(demoWallet(DEMO.doctorB), typed);
    const grant = "mutation($i: ConsentInput!, $n: String!, $s: String!) { grantConsent(input: $i, nonce: $n, signature: $s) { id } }";
    const byWrongKey = await as("patient", grant, { i: input, n: prepared.data!.prepareConsent.nonce, s: wrongKey });
    expect(byWrongKey.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const widened = await as("patient", grant, {
      i: { ...input, resourceTypes: ["Condition", "Observation", "MedicationRequest"] },
      n: prepared.data!.prepareConsent.nonce,
      s: await sign(typed),
    });
    expect(widened.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const byDoctor = await as("doctorB", "mutation($i: ConsentInput!) { prepareConsent(input: $i) { nonce } }", { i: consentInput() });
    expect(byDoctor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(
      (await as<{ consents: unknown[] }>("patient", "query($p: ID!) { consents(patientId: $p) { id } }", { p: patientId })).data!.consents,
    ).toEqual([]);
  });

  let consentId: string;

  it("records the patient's EIP-712 consent on chain; doctor B then reads Condition and Observation, not MedicationRequest", async () => {
    const [request] = (await as<{ accessRequests: { id: string }[] }>("patient", "{ accessRequests { id } }")).data!.accessRequests;
    const input = { ...consentInput(), requestId: request.id };
    const prepared = await as<{ prepareConsent: { typedData: TypedData; nonce: string } }>(
      "patient",
      "mutation($i: ConsentInput!) { prepareConsent(input: $i) { typedData nonce } }",
      { i: input },
    );
    const granted = await as<{ grantConsent: { id: string; state: string; grantTx: string; grantee: string } }>(
      "patient",
      "mutation($i: ConsentInput!, $n: String!, $s: String!) { grantConsent(input: $i, nonce: $n, signature: $s) { id state grantTx grantee } }",
      { i: input, n: prepared.data!.prepareConsent.nonce, s: await sign(prepared.data!.prepareConsent.typedData) },
    );
    // What wallets need to show and hash the domain: EIP712Domain in `types`, matching `domain`.
    expect(prepared.data!.prepareConsent.typedData).toMatchObject({
      primaryType: "Consent",
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "version", type: "string" },
          { name: "chainId", type: "uint256" },
          { name: "verifyingContract", type: "address" },
        ],
      },
    });
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantConsent).toMatchObject({ state: "ACTIVE", grantee: doctorB });
    expect(granted.data!.grantConsent.grantTx).toMatch(/^0x[0-9a-f]{64}$/);
    consentId = granted.data!.grantConsent.id;

    expect(await readAsB("Condition")).toBe("OK");
    expect(await readAsB("Observation")).toBe("OK");
    expect(await readAsB("MedicationRequest")).toBe("NOT_FOUND");
    expect(await readAsB("Condition", "HPAYMT")).toBe("NOT_FOUND");
    const listed = await as<RecordsData>("doctorB", RECORDS, { p: patientId, purpose: "TREAT" });
    expect(new Set(listed.data!.records.edges.map((e) => e.node.resourceType))).toEqual(new Set(["Condition", "Observation"]));

    const answered = await as<{ accessRequests: { status: string; consentId: string }[] }>(
      "patient",
      "{ accessRequests { status consentId } }",
    );
    expect(answered.data!.accessRequests).toEqual([{ status: "GRANTED", consentId }]);
    const seenByB = await as<{ consents: { id: string }[] }>("doctorB", "query($p: ID!) { consents(patientId: $p) { id } }", {
      p: patientId,
    });
    expect(seenByB.data!.consents.map((c) => c.id)).toEqual([consentId]);
  });

  it("lists the patient for doctor B while the consent is in force, without the name its scope does not cover", async () => {
    const [entry, ...others] = (await myPatients("doctorB")).edges;
    expect(others).toEqual([]);
    expect(entry.node).toMatchObject({ id: patientId, authored: false, breakGlassUntil: null, name: null, birthDate: null });
    expect(new Date(entry.node.consentUntil!).getTime()).toBeGreaterThan(Date.now());

    // Doctor A wrote the chart: the patient is theirs, with the name from the Patient record.
    const forA = (await myPatients("doctorA")).edges.map((e) => e.node);
    expect(forA).toEqual([{ id: patientId, authored: true, consentUntil: null, breakGlassUntil: null, ...bundlePatient(BUNDLE) }]);
    // That read of the Patient record is in the patient's access log.
    const log = await as<{ accessLog: { edges: { node: { actor: string; action: string; decision: string; reason: string } }[] } }>(
      "patient",
      "{ accessLog(first: 20) { edges { node { actor action decision reason } } } }",
    );
    expect(log.data!.accessLog.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({
        actor: demoWallet(DEMO.doctorA).address,
        action: "record.read",
        decision: "ALLOW",
        reason: expect.stringContaining("patient list"),
      }),
    );
  });

  it("pages a doctor's patients by id, and refuses anyone but a signed-in doctor", async () => {
    const second = syntheaFiles().find((file) => file !== BUNDLE)!;
    const imported = await as<{ importBundle: { patientId: string } }>(
      "doctorA",
      "mutation($b: JSONObject!) { importBundle(bundle: $b) { patientId } }",
      { b: syntheaBundle(second) },
    );
    const otherId = imported.data!.importBundle.patientId;
    const first = await myPatients("doctorA", 1);
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, endCursor: first.edges[0].cursor });
    const rest = await myPatients("doctorA", 1, first.pageInfo.endCursor);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const ids = [first.edges[0].node.id, rest.edges[0].node.id];
    expect(ids).toEqual([patientId, otherId].sort());

    expect((await as("patient", MY_PATIENTS, { first: 10 })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await graphql(api.url, MY_PATIENTS, { first: 10 })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await as("doctorA", MY_PATIENTS, { first: 0 })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("doctorA", MY_PATIENTS, { first: 101 })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("doctorA", MY_PATIENTS, { first: 5, after: "bm90LWEtY3Vyc29y" })).errors?.[0]?.extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("revokes with the patient's signature; doctor B is denied again", async () => {
    const prepared = await as<{ prepareRevocation: { typedData: TypedData; deadline: number } }>(
      "patient",
      "mutation($c: ID!) { prepareRevocation(consentId: $c) { typedData deadline } }",
      { c: consentId },
    );
    const revoked = await as<{ revokeConsent: { state: string; revokeTx: string } }>(
      "patient",
      "mutation($c: ID!, $d: SafeInt!, $s: String!) { revokeConsent(consentId: $c, deadline: $d, signature: $s) { state revokeTx } }",
      { c: consentId, d: prepared.data!.prepareRevocation.deadline, s: await sign(prepared.data!.prepareRevocation.typedData) },
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeConsent.state).toBe("REVOKED");
    expect(await readAsB("Condition")).toBe("NOT_FOUND");
    expect(await readAsB("Observation")).toBe("NOT_FOUND");
  });

  it("notices a revocation made directly on chain (the patient paid the gas) and denies again", async () => {
    // One input for both steps: its expiry is part of what the patient signs.
    const input = consentInput();
    const prepared = await as<{ prepareConsent: { typedData: TypedData; nonce: string } }>(
      "patient",
      "mutation($i: ConsentInput!) { prepareConsent(input: $i) { typedData nonce } }",
      { i: input },
    );
    const granted = await as<{ grantConsent: { id: string } }>(
      "patient",
      "mutation($i: ConsentInput!, $n: String!, $s: String!) { grantConsent(input: $i, nonce: $n, signature: $s) { id } }",
      {
        i: input,
        n: prepared.data!.prepareConsent.nonce,
        s: await sign(prepared.data!.prepareConsent.typedData),
      },
    );
    expect(granted.errors).toBeUndefined();
    const id = granted.data!.grantConsent.id;
    expect(await readAsB("Condition")).toBe("OK");

    const { contract: registry, address, close } = onTestChain("ConsentRegistry", DEMO.patient, deploymentsFile);
    const deadline = Math.floor(Date.now() / 1000) + 600;
    const domain = { name: "MedLedger ConsentRegistry", version: "1", chainId: 31337, verifyingContract: address };
    const signature = await patientWallet.signTypedData(
      domain,
      {
        Revocation: [
          { name: "consentId", type: "bytes32" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { consentId: id, deadline },
    );
    await (await registry.revokeConsent(id, deadline, signature)).wait();
    close();

    expect(await api.services.chainSync.sync()).toBeGreaterThanOrEqual(1);
    const consents = await as<{ consents: { id: string; state: string }[] }>(
      "patient",
      "query($p: ID!) { consents(patientId: $p) { id state } }",
      { p: patientId },
    );
    expect(consents.data!.consents.find((c) => c.id === id)?.state).toBe("REVOKED");
    expect(await readAsB("Condition")).toBe("NOT_FOUND");
  });

  it("drops the patient from doctor B's list once no consent is in force", async () => {
    expect((await myPatients("doctorB")).edges).toEqual([]);
  });

  it("break-glass opens the emergency profile for ETREAT only, records it on chain and shows it to the patient", async () => {
    const tooShort = await as("doctorB", 'mutation($p: ID!) { breakGlass(patientId: $p, reason: "help") { id } }', { p: patientId });
    expect(tooShort.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const byAdmin = await as("admin", 'mutation($p: ID!) { breakGlass(patientId: $p, reason: "I want to look around") { id } }', {
      p: patientId,
    });
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const glass = await as<{ breakGlass: { txHash: string; expiresAt: string } }>(
      "doctorB",
      'mutation($p: ID!) { breakGlass(patientId: $p, reason: "unconscious in the ER, allergies unknown") { txHash expiresAt } }',
      {
        p: patientId,
      },
    );
    expect(glass.errors).toBeUndefined();
    expect(glass.data!.breakGlass.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await readAsB("AllergyIntolerance", "ETREAT")).toBe("OK");
    expect(await readAsB("Condition", "ETREAT")).toBe("OK");
    expect(await readAsB("MedicationRequest", "ETREAT")).toBe("OK");
    expect(await readAsB("Observation", "ETREAT")).toBe("NOT_FOUND");
    expect(await readAsB("Condition", "TREAT")).toBe("NOT_FOUND");

    const seen = await as<{ emergencyAccesses: { doctor: string; reason: string; active: boolean }[] }>(
      "patient",
      "{ emergencyAccesses { doctor reason active } }",
    );
    expect(seen.data!.emergencyAccesses).toEqual([{ doctor: doctorB, reason: "unconscious in the ER, allergies unknown", active: true }]);
  });

  it("lists the patient for doctor B during break-glass, with the name the emergency profile covers", async () => {
    const [entry, ...others] = (await myPatients("doctorB")).edges;
    expect(others).toEqual([]);
    expect(entry.node).toMatchObject({ id: patientId, authored: false, consentUntil: null, ...bundlePatient(BUNDLE) });
    expect(new Date(entry.node.breakGlassUntil!).getTime()).toBeGreaterThan(Date.now());
  });

  it("decides from the caller's own facts only: the consents to them, their break-glass, their authorship", async () => {
    const doctorA = demoWallet(DEMO.doctorA).address;
    const forA = await api.services.consent.facts(patientId, doctorA);
    expect(forA.authors).toEqual([doctorA]);
    expect(forA.consents).toEqual([]);
    expect(forA.breakGlass).toEqual([]);
    const forB = await api.services.consent.facts(patientId, doctorB);
    expect(forB.authors).toEqual([]);
    expect(forB.consents.length).toBeGreaterThanOrEqual(2);
    expect(forB.consents.every((c) => c.grantee === doctorB && c.patientId === patientId)).toBe(true);
    expect(forB.breakGlass).toHaveLength(1);
    expect(forB.breakGlass[0].doctor).toBe(doctorB);
    // Grantees compare as addresses, not as strings.
    expect((await api.services.consent.facts(patientId, doctorB.toLowerCase())).consents).toHaveLength(forB.consents.length);
  });

  it("shows the patient every step in their access log", async () => {
    const log = await as<{ accessLog: { edges: { node: { actor: string; action: string; decision: string; purpose: string | null } }[] } }>(
      "patient",
      "{ accessLog(first: 200) { edges { node { actor action decision purpose } } } }",
    );
    const byB = log.data!.accessLog.edges.map((e) => e.node).filter((e) => e.actor === doctorB);
    const has = (action: string, decision: string, purpose?: string) =>
      byB.some((e) => e.action === action && e.decision === decision && (purpose === undefined || e.purpose === purpose));
    expect(has("record.read", "DENY", "TREAT")).toBe(true);
    expect(has("access.request", "ALLOW")).toBe(true);
    expect(has("record.read", "ALLOW", "TREAT")).toBe(true);
    expect(has("breakGlass", "ALLOW", "ETREAT")).toBe(true);
    expect(has("record.read", "ALLOW", "ETREAT")).toBe(true);
  });

  it("tells the chain neither the consented resource types nor which break-glass entries concern the same patient", async () => {
    const second = await as(
      "doctorA",
      'mutation($p: ID!) { breakGlass(patientId: $p, reason: "collapsed at the clinic, on warfarin?") { id } }',
      {
        p: patientId,
      },
    );
    expect(second.errors).toBeUndefined();
    const consents = onTestChain("ConsentRegistry", undefined, deploymentsFile);
    try {
      // A dictionary of scopes (here: the exact one granted) does not recover the scope from its on-chain hash.
      const unsalted = `0x${sha256Hex(canonicalJson({ resourceTypes: ["Condition", "Observation"], recordIds: [] }))}`;
      const granted = await consents.contract.queryFilter(consents.contract.filters.ConsentGranted());
      expect(granted.length).toBeGreaterThan(0);
      for (const event of granted) expect((event as unknown as { args: { scopeHash: string } }).args.scopeHash).not.toBe(unsalted);
      // Two emergencies of one patient look like two unrelated patients; the reason's hash is no dictionary key either.
      const glass = (await consents.contract.queryFilter(consents.contract.filters.EmergencyAccessRecorded())).map(
        (e) => (e as unknown as { args: { patientRef: string; reasonHash: string } }).args,
      );
      expect(glass).toHaveLength(2);
      expect(glass[0].patientRef).not.toBe(glass[1].patientRef);
      expect(glass.map((g) => g.reasonHash)).not.toContain(`0x${sha256Hex("unconscious in the ER, allergies unknown")}`);
    } finally {
      consents.close();
    }
  });

  it("anchors the log on chain: after anchorNow every entry has an inclusion proof against an on-chain root", async () => {
    const LOG = "{ accessLog(first: 500) { edges { node { seq entryHash anchor { batchIndex root txHash proof } } } } }";
    interface Entry {
      seq: number;
      entryHash: string;
      anchor: { batchIndex: number; root: string; txHash: string; proof: string[] } | null;
    }
    const before = await as<{ accessLog: { edges: { node: Entry }[] } }>("patient", LOG);
    expect(before.data!.accessLog.edges.every((e) => e.node.anchor === null)).toBe(true);

    const byPatient = await as("patient", "mutation { anchorNow { anchoredBatches } }");
    expect(byPatient.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anchored = await as<{ anchorNow: { anchoredBatches: number; pendingAccessLogEntries: number } }>(
      "admin",
      "mutation { anchorNow { anchoredBatches pendingAccessLogEntries } }",
    );
    expect(anchored.data!.anchorNow.anchoredBatches).toBeGreaterThanOrEqual(2);
    expect(anchored.data!.anchorNow.pendingAccessLogEntries).toBe(0);

    const after = await as<{ accessLog: { edges: { node: Entry }[] } }>("patient", LOG);
    const entries = after.data!.accessLog.edges.map((e) => e.node);
    expect(entries.length).toBeGreaterThan(5);
    const { contract: registry, close } = onTestChain("AnchorRegistry", undefined, deploymentsFile);
    const provider = registry.runner!.provider!;
    for (const entry of entries) {
      expect(entry.anchor).not.toBeNull();
      const { root, proof, batchIndex, txHash } = entry.anchor!;
      expect(verifyInclusion(root, { seq: entry.seq, hash: entry.entryHash }, proof)).toBe(true);
      expect((await registry.anchorAt(ACCESS_LOG_KIND, batchIndex)).root).toBe(root);
      expect((await provider.getTransactionReceipt(txHash))?.status).toBe(1);
    }
    close();
    const verified = await as<{ verifyAccessLog: { ok: boolean } }>("patient", "{ verifyAccessLog { ok } }");
    expect(verified.data!.verifyAccessLog.ok).toBe(true);
  });
});
