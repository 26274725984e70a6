/**
 * The Research sharing story over HTTP, with real proofs and the real contracts: a researcher
 * proposes a study, two of three ethics-board members approve it, imported Synthea patients get
 * credentials from their records, enroll with eligibility proofs and agree to share; the
 * researcher sizes the cohort (small cells suppressed), prepares a release, the board re-verifies
 * every enrollment and approves; the researcher downloads a dataset without identifiers that is
 * k-anonymous. Another researcher cannot download it; nothing is downloadable before approval;
 * a withdrawn participant never appears in a later release.
 */
import { randomBytes } from "node:crypto";

import { buildPoseidon } from "circomlibjs";
import { HDNodeWallet } from "ethers";

import { REPO_ROOT } from "../config/config";
import { startApi, type RunningApi } from "../server";
import {
  approvedStudyOverHttp,
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  onTestChain,
  signIn,
  studyProposal,
  syntheaBundle,
  syntheaFiles,
  testConfig,
  trustIssuer,
  voteOverHttp,
  type TestDatabase,
} from "../testing/test-environment";
import {
  credentialFromJson,
  dayNumber,
  eligibilityInput,
  encodeCriteria,
  type PoseidonHash,
  type StudyCriteria,
} from "../zk/eligibility-encoding";
import { proveEligibility, proveSharing, proveWithdrawal, releaseProver } from "../zk/eligibility-prover";

const ARTIFACTS = `${REPO_ROOT}/circuits/artifacts`;
const SNOMED = "http://snomed.info/sct";
/** Adults with "Body mass index 30+ - obesity" (SNOMED 162864005) among their active conditions. */
const ENROLLEES = ["Birgit_Schmeler", "Darin_Skiles", "Fidel_Bins", "Jill_Tillman", "Rachael_McDermott", "Rickey_Becker"];

interface Participant {
  name: string;
  wallet: HDNodeWallet;
  token: string;
  patientId: string;
  secret: bigint;
  nullifier: string;
  bundle: ReturnType<typeof syntheaBundle>;
}

interface ReleaseData {
  releaseId: string;
  status: string;
  rowCount: number;
  achievedK: number;
  downloadable: boolean;
  manifestHash: string;
  manifest: { nullifierRoot: string; datasetHash: string; requiredK: number };
  chainStatus: string;
  txHash: string | null;
}
const RELEASE_FIELDS = "releaseId status rowCount achievedK downloadable manifestHash manifest chainStatus txHash";

describe("research sharing story", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let poseidon: PoseidonHash;
  let studyId = "";
  let firstRelease: ReleaseData;
  const tokens: Partial<Record<keyof typeof DEMO, string>> = {};
  const participants: Participant[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const criteria: StudyCriteria = {
    minAge: 18,
    maxAge: 100,
    referenceDate: today,
    sexes: ["female", "male", "other", "unknown"],
    zip3: [],
    anyOf: [{ system: SNOMED, code: "162864005" }],
    noneOf: [],
  };
  const as = <T>(who: keyof typeof DEMO, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, tokens[who]);
  const ownership = (operation: "withdraw" | "shareWithStudy", proof: { proof: object; publicSignals: string[] }, token?: string) =>
    graphql<Record<string, { nullifier: string }>>(
      api.url,
      `mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { ${operation}(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }`,
      { s: studyId, p: proof.proof, sig: proof.publicSignals },
      token,
    );
  const download = (who: keyof typeof DEMO, releaseId: string, format = "CSV") =>
    as<{ release: { content: string; manifestHash: string } }>(
      who,
      "query($r: String!, $f: ReleaseFormat!) { release(releaseId: $r, format: $f) { content manifestHash } }",
      { r: releaseId, f: format },
    );
  const prepare = () =>
    as<{ prepareRelease: ReleaseData }>("researcher", `mutation($s: String!) { prepareRelease(studyId: $s) { ${RELEASE_FIELDS} } }`, {
      s: studyId,
    });
  const denials = (action: string) =>
    api.dataSource.query(`SELECT actor, reason FROM access_log WHERE action = $1 AND decision = 'DENY'`, [action]) as Promise<
      { actor: string; reason: string }[]
    >;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
    const built = await buildPoseidon();
    poseidon = (inputs) => built.F.toObject(built(inputs));
    for (const who of ["admin", "doctorA", "issuer", "researcher", "researcher2", "ethics1", "ethics2", "ethics3"] as const) {
      tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    }
    await trustIssuer(api.url);
    // The custodian's population: every Synthea bundle; the enrollees get patient accounts.
    for (const file of syntheaFiles()) {
      const name = ENROLLEES.find((n) => file.startsWith(`${n}_`));
      const wallet = name ? HDNodeWallet.createRandom() : null;
      if (wallet) {
        const granted = await as("admin", "mutation($a: String!) { grantRole(address: $a, role: PATIENT) { address } }", {
          a: wallet.address,
        });
        expect(granted.errors).toBeUndefined();
      }
      const bundle = syntheaBundle(file);
      const imported = await as<{ importBundle: { patientId: string } }>(
        "doctorA",
        "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
        { b: bundle, a: wallet?.address ?? null },
      );
      expect(imported.errors).toBeUndefined();
      if (name && wallet) {
        participants.push({
          name,
          wallet,
          token: "",
          patientId: imported.data!.importBundle.patientId,
          secret: BigInt(`0x${randomBytes(30).toString("hex")}`),
          nullifier: "",
          bundle,
        });
      }
    }
    for (const p of participants) p.token = await signIn(api.url, p.wallet);
  }, 180_000);
  afterAll(async () => {
    await releaseProver();
    await api?.stop();
    await db?.cleanup();
  });

  it("registers the researcher's proposal and approves it with two of three ethics-board votes", async () => {
    studyId = await approvedStudyOverHttp(
      api.url,
      tokens.researcher!,
      (["ethics1", "ethics2"] as const).map((who) => ({ token: tokens[who]!, wallet: demoWallet(DEMO[who]) })),
      studyProposal(criteria, { title: "Obesity and later diabetes", minCohortSize: 3 }),
    );
    const { data } = await graphql<{ study: { status: string; approvals: number; quorum: number; open: boolean } }>(
      api.url,
      "query($s: String!) { study(studyId: $s) { status approvals quorum open } }",
      { s: studyId },
    );
    expect(data!.study).toEqual({ status: "APPROVED", approvals: 2, quorum: 2, open: true });
  });

  it("refuses a release while there are fewer than k sharing participants", async () => {
    const early = await prepare();
    expect(early.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringContaining("only 0 enrolled participant(s)"),
    });
  });

  it("enrolls the patients with credentials from their records and proofs made on their side; they agree to share", async () => {
    for (const p of participants) {
      const asked = await graphql(
        api.url,
        "mutation($c: String!) { requestCredential(commitment: $c) }",
        { c: String(poseidon([p.secret])) },
        p.token,
      );
      expect(asked.errors).toBeUndefined();
      const issued = await as("issuer", "mutation($p: ID!) { issueCredential(patientId: $p) }", { p: p.patientId });
      expect(issued.errors).toBeUndefined();
      const mine = await graphql<{ myCredentials: unknown[] }>(api.url, "{ myCredentials }", {}, p.token);
      const credential = credentialFromJson(mine.data!.myCredentials[0]);
      const proof = await proveEligibility(
        ARTIFACTS,
        eligibilityInput(poseidon, credential, p.secret, encodeCriteria(criteria), BigInt(studyId), dayNumber(today)),
      );
      const enrolled = await graphql<{ enroll: { nullifier: string } }>(
        api.url,
        "mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { enroll(studyId: $s, proof: $p, publicSignals: $sig) { nullifier } }",
        { s: studyId, p: proof.proof, sig: proof.publicSignals },
      );
      expect(enrolled.errors).toBeUndefined();
      p.nullifier = enrolled.data!.enroll.nullifier;
      const share = await proveSharing(ARTIFACTS, p.secret, BigInt(studyId), p.wallet.address);
      // Sharing needs the patient's sign-in, and a withdraw-bound proof is not a sharing proof.
      expect((await ownership("shareWithStudy", share)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const wrongAction = await proveWithdrawal(ARTIFACTS, p.secret, BigInt(studyId));
      expect((await ownership("shareWithStudy", wrongAction, p.token)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      // A sharing proof is bound to its account: another patient cannot link this pseudonym to their own records.
      const other = participants.find((q) => q !== p)!;
      const stolen = await ownership("shareWithStudy", share, other.token);
      expect(stolen.errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT" },
        message: expect.stringContaining("of your account"),
      });
      const shared = await ownership("shareWithStudy", share, p.token);
      expect(shared.errors).toBeUndefined();
      expect(shared.data!.shareWithStudy.nullifier).toBe(p.nullifier);
      expect((await ownership("shareWithStudy", share, p.token)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    }
    // Exactly one link per participant: the refused attempts changed nothing.
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM study_share`)).toEqual([{ n: participants.length }]);
    // The access log names patients for sharing, but never a pseudonym.
    const log = (await api.dataSource.query(`SELECT reason FROM access_log`)) as { reason: string | null }[];
    for (const p of participants) expect(log.some((entry) => entry.reason?.includes(p.nullifier))).toBe(false);
  }, 120_000);

  it("leaves out a participant who withdrew before the release", async () => {
    const rickey = participants.find((p) => p.name === "Rickey_Becker")!;
    const withdrawn = await ownership("withdraw", await proveWithdrawal(ARTIFACTS, rickey.secret, BigInt(studyId)));
    expect(withdrawn.errors).toBeUndefined();
    // A patient's client can read its pseudonym's state without signing in; sharing is the patient's own.
    const STATUS = "query($s: String!, $n: String!) { enrollmentStatus(studyId: $s, nullifier: $n) { enrolled withdrawn } }";
    const status = async (nullifier: string) =>
      (await graphql<{ enrollmentStatus: object }>(api.url, STATUS, { s: studyId, n: nullifier })).data!.enrollmentStatus;
    expect(await status(rickey.nullifier)).toEqual({ enrolled: false, withdrawn: true });
    expect(await status(participants[0].nullifier)).toEqual({ enrolled: true, withdrawn: false });
    expect((await graphql(api.url, STATUS, { s: studyId, n: "0x12" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const shared = await graphql<{ mySharedStudies: string[] }>(api.url, "{ mySharedStudies }", {}, participants[0].token);
    expect(shared.data!.mySharedStudies).toEqual([studyId]);
  });

  it("sizes the cohort for the researcher with small cells suppressed; other roles and researchers are refused", async () => {
    const COUNT =
      "query($s: String!, $b: [CohortDimension!]!) { cohortCount(studyId: $s, breakdown: $b) { k total { value display } cells { sex ageBand count { value suppressed display } } suppressedCells privacy { epsilon } } }";
    const answer = await as<{
      cohortCount: {
        k: number;
        total: { value: number; display: string };
        cells: { sex: string; ageBand: string; count: { value: number | null; suppressed: boolean; display: string } }[];
        suppressedCells: number;
        privacy: null;
      };
    }>("researcher", COUNT, { s: studyId, b: ["SEX", "AGE_BAND"] });
    expect(answer.errors).toBeUndefined();
    const table = answer.data!.cohortCount;
    // Of the 45 Synthea patients, 16 have the condition; credentials (and so counts) keep the 8 most recent conditions.
    expect(table.total.value).toBeGreaterThanOrEqual(11);
    expect(table.total.value).toBeLessThanOrEqual(16);
    expect(table.suppressedCells).toBeGreaterThanOrEqual(2);
    const shown = table.cells.filter((c) => !c.count.suppressed);
    for (const cell of shown) expect(cell.count.value).toBeGreaterThanOrEqual(3);
    const hidden = table.cells.filter((c) => c.count.suppressed);
    expect(hidden.every((c) => c.count.value === null && c.count.display === "< 3")).toBe(true);
    expect(table.total.value - shown.reduce((sum, c) => sum + c.count.value!, 0)).toBeGreaterThanOrEqual(3);
    expect(table.privacy).toBeNull();

    expect((await as("researcher2", COUNT, { s: studyId, b: [] })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await as("ethics1", COUNT, { s: studyId, b: [] })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await denials("research.cohortCount")).map((d) => d.actor)).toEqual([
      demoWallet(DEMO.researcher2).address,
      demoWallet(DEMO.ethics1).address,
    ]);
    const allowed = await api.dataSource.query(`SELECT actor FROM access_log WHERE action = 'research.cohortCount' AND decision = 'ALLOW'`);
    expect(allowed).toEqual([{ actor: demoWallet(DEMO.researcher).address }]);
  });

  it("prepares a release of the enrolled, sharing, non-withdrawn participants and records its manifest on chain", async () => {
    expect(
      (await as("researcher2", `mutation($s: String!) { prepareRelease(studyId: $s) { releaseId } }`, { s: studyId })).errors?.[0]
        ?.extensions?.code,
    ).toBe("FORBIDDEN");
    const prepared = await prepare();
    expect(prepared.errors).toBeUndefined();
    firstRelease = prepared.data!.prepareRelease;
    expect(firstRelease).toMatchObject({ status: "PENDING", downloadable: false });
    expect(firstRelease.rowCount).toBeGreaterThanOrEqual(3);
    expect(firstRelease.rowCount).toBeLessThanOrEqual(5);
    expect(firstRelease.achievedK).toBeGreaterThanOrEqual(3);
    expect(firstRelease).toMatchObject({ chainStatus: "CONFIRMED", txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    const registry = onTestChain("ReleaseRegistry");
    const onChain = await registry.contract.release(BigInt(firstRelease.releaseId));
    registry.close();
    expect(onChain.manifestHash).toBe(firstRelease.manifestHash);
    expect(onChain.nullifierRoot).toBe(firstRelease.manifest.nullifierRoot);
    expect(Number(onChain.rowCount)).toBe(firstRelease.rowCount);
  });

  it("refuses every download before the ethics board's quorum approves", async () => {
    const early = await download("researcher", firstRelease.releaseId);
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, message: expect.stringContaining("not approved") });
    expect((await denials("research.download")).map((d) => d.reason)).toEqual([
      expect.stringContaining(`release ${firstRelease.releaseId}`),
    ]);
  });

  it("shows the board every included enrollment, verified again now, and counts their signed approvals", async () => {
    expect(
      (await as("researcher", "query($r: String!) { releaseReview(releaseId: $r) { datasetMatches } }", { r: firstRelease.releaseId }))
        .errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
    const review = await as<{
      releaseReview: {
        datasetMatches: boolean;
        nullifierRootMatches: boolean;
        manifestMatchesChain: boolean;
        enrollments: {
          nullifier: string;
          txHash: string;
          blockNumber: number;
          proofVerifies: boolean;
          enrolledOnChain: boolean;
          signalsMatchStudy: boolean;
          publicSignals: string[];
        }[];
      };
    }>(
      "ethics3",
      "query($r: String!) { releaseReview(releaseId: $r) { datasetMatches nullifierRootMatches manifestMatchesChain enrollments { nullifier txHash blockNumber proofVerifies enrolledOnChain signalsMatchStudy publicSignals } } }",
      { r: firstRelease.releaseId },
    );
    expect(review.errors).toBeUndefined();
    const r = review.data!.releaseReview;
    expect([r.datasetMatches, r.nullifierRootMatches, r.manifestMatchesChain]).toEqual([true, true, true]);
    expect(r.enrollments).toHaveLength(firstRelease.rowCount);
    for (const e of r.enrollments) {
      expect(e).toMatchObject({ proofVerifies: true, enrolledOnChain: true, signalsMatchStudy: true });
      expect(e.txHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(e.blockNumber).toBeGreaterThan(0);
      expect(e.publicSignals[3]).toBe(studyId);
    }
    const rickey = participants.find((p) => p.name === "Rickey_Becker")!;
    expect(r.enrollments.map((e) => e.nullifier)).not.toContain(rickey.nullifier);

    // The board sees the de-identified rows it is asked to approve, and who voted so far.
    const seen = async () =>
      (
        await as<{
          releaseReview: {
            preview: { participant: string; ageBand: string }[];
            votes: { member: string; approve: boolean; txHash: string }[];
          };
        }>("ethics3", "query($r: String!) { releaseReview(releaseId: $r) { preview votes { member approve txHash } } }", {
          r: firstRelease.releaseId,
        })
      ).data!.releaseReview;
    const before = await seen();
    expect(before.preview).toHaveLength(Math.min(20, firstRelease.rowCount));
    for (const row of before.preview) {
      expect(r.enrollments.map((e) => e.nullifier)).toContain(row.participant);
      expect(Object.keys(row)).not.toContain("patientId");
    }
    expect(before.votes).toEqual([]);

    const first = await voteOverHttp(api.url, tokens.ethics1!, demoWallet(DEMO.ethics1), { releaseId: firstRelease.releaseId }, true);
    expect(first.data!.castReleaseVote.status).toBe("PENDING");
    expect((await seen()).votes).toEqual([
      { member: demoWallet(DEMO.ethics1).address, approve: true, txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) },
    ]);
    const second = await voteOverHttp(api.url, tokens.ethics3!, demoWallet(DEMO.ethics3), { releaseId: firstRelease.releaseId }, true);
    expect(second.data!.castReleaseVote.status).toBe("APPROVED");
    // Replayed and late votes, and a malformed signature, are refused and change nothing on chain.
    expect(
      (await voteOverHttp(api.url, tokens.ethics1!, demoWallet(DEMO.ethics1), { releaseId: firstRelease.releaseId }, true)).errors?.[0]
        ?.extensions?.code,
    ).toBe("CONFLICT");
    expect(
      (await voteOverHttp(api.url, tokens.ethics2!, demoWallet(DEMO.ethics2), { releaseId: firstRelease.releaseId }, false)).errors?.[0]
        ?.extensions?.code,
    ).toBe("CONFLICT");
    const garbled = await as(
      "ethics2",
      'mutation($r: String!) { castReleaseVote(releaseId: $r, approve: true, signature: "0x1234") { status } }',
      { r: firstRelease.releaseId },
    );
    expect(garbled.errors?.[0]?.extensions?.code).toBe("CONFLICT"); // decided already: nothing to sign
    const registry = onTestChain("ReleaseRegistry");
    const onChain = await registry.contract.release(BigInt(firstRelease.releaseId));
    registry.close();
    expect([Number(onChain.approvals), Number(onChain.rejections)]).toEqual([2, 0]);
  });

  it("lets the researcher download a k-anonymous dataset with no identifiers; another researcher may not", async () => {
    const csv = await download("researcher", firstRelease.releaseId, "CSV");
    const json = await download("researcher", firstRelease.releaseId, "JSON");
    const fhir = await download("researcher", firstRelease.releaseId, "FHIR");
    for (const result of [csv, json, fhir]) expect(result.errors).toBeUndefined();
    const { manifest, rows } = JSON.parse(json.data!.release.content) as {
      manifest: { achievedK: number; requiredK: number };
      rows: { participant: string; ageBand: string; sex: string; region: string; conditions: { onsetYear: number | null }[] }[];
    };
    expect(rows).toHaveLength(firstRelease.rowCount);
    // k-anonymity on (age band, sex, region).
    const groups = new Map<string, number>();
    for (const row of rows)
      groups.set(`${row.ageBand}|${row.sex}|${row.region}`, (groups.get(`${row.ageBand}|${row.sex}|${row.region}`) ?? 0) + 1);
    for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(manifest.requiredK);
    expect(Math.min(...groups.values())).toBe(manifest.achievedK);
    // Keyed by pseudonyms of enrolled participants, never by patient id; no identifiers anywhere.
    const enrolled = new Set(participants.filter((p) => p.name !== "Rickey_Becker").map((p) => p.nullifier));
    for (const row of rows) expect(enrolled.has(row.participant)).toBe(true);
    for (const content of [csv.data!.release.content, json.data!.release.content, fhir.data!.release.content]) {
      for (const p of participants) {
        const patient = p.bundle.entry.find((e) => e.resource.resourceType === "Patient")!.resource as unknown as {
          id: string;
          birthDate: string;
          name: { family: string; given: string[] }[];
          address: { line: string[]; postalCode: string; city: string }[];
          telecom?: { value: string }[];
        };
        const identifiers = [
          p.patientId,
          patient.id,
          patient.birthDate,
          patient.name[0].family,
          ...patient.name[0].given,
          patient.address[0].line[0],
          patient.address[0].postalCode,
          patient.address[0].city,
          ...(patient.telecom ?? []).map((t) => t.value),
          p.wallet.address,
        ];
        // Pseudonyms are random 70-odd-digit numbers: one may contain a ZIP code by chance.
        const withoutPseudonyms = content.replace(/\b\d{60,}\b/g, "<pseudonym>");
        for (const identifier of identifiers) expect(withoutPseudonyms).not.toContain(identifier);
      }
    }
    // Dates only as years (the manifest's own preparation time aside).
    for (const content of [csv.data!.release.content, JSON.stringify(rows), fhir.data!.release.content]) {
      expect(content).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(rows.every((r) => r.conditions.every((c) => c.onsetYear === null || Number.isInteger(c.onsetYear)))).toBe(true);
    // No condition code singles anyone out: each is held by at least k released participants.
    const holders = new Map<string, Set<string>>();
    for (const row of rows)
      for (const c of row.conditions as unknown as { code: string }[])
        holders.set(c.code, (holders.get(c.code) ?? new Set()).add(row.participant));
    for (const people of holders.values()) expect(people.size).toBeGreaterThanOrEqual(manifest.requiredK);
    expect(holders.has("162864005")).toBe(true); // the study's condition, which every participant has

    for (const bad of ["abc", "999999", "-1"]) expect((await download("researcher", bad)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const other = await download("researcher2", firstRelease.releaseId);
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await denials("research.download")).map((d) => d.actor)).toContain(demoWallet(DEMO.researcher2).address);
    expect(
      (await as("researcher2", "query($s: String!) { releases(studyId: $s) { releaseId } }", { s: studyId })).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
  });

  it("stops downloads once a participant withdraws, and leaves them out of the next release", async () => {
    const fidel = participants.find((p) => p.name === "Fidel_Bins")!;
    expect((await ownership("withdraw", await proveWithdrawal(ARTIFACTS, fidel.secret, BigInt(studyId)))).errors).toBeUndefined();
    const stale = await download("researcher", firstRelease.releaseId);
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" }, message: expect.stringContaining("withdrawn") });
    // The manifest's transaction is mined, then the answer is lost (as a crash would): the release is kept
    // PENDING and the outbox adopts the transaction it finds on chain instead of recording it twice.
    process.env.MEDLEDGER_FAIL_ONCE_AT = "release.record-mined";
    const next = await prepare();
    expect(next.errors).toBeUndefined();
    expect(next.data!.prepareRelease).toMatchObject({ chainStatus: "PENDING", txHash: null });
    const releaseId = next.data!.prepareRelease.releaseId;
    const chainStatus = async () =>
      (
        await as<{ releases: { releaseId: string; chainStatus: string }[] }>(
          "researcher",
          "query($s: String!) { releases(studyId: $s) { releaseId chainStatus } }",
          { s: studyId },
        )
      ).data!.releases.find((r) => r.releaseId === releaseId)?.chainStatus;
    for (let tries = 0; (await chainStatus()) !== "CONFIRMED"; tries++) {
      if (tries > 600) throw new Error("the outbox did not land the release");
      await api.services.outbox.relayDue();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const registry = onTestChain("ReleaseRegistry");
    try {
      expect(await registry.contract.queryFilter(registry.contract.filters.ReleaseRecorded(BigInt(releaseId)))).toHaveLength(1);
    } finally {
      registry.close();
    }
    const review = await as<{ releaseReview: { enrollments: { nullifier: string }[] } }>(
      "ethics2",
      "query($r: String!) { releaseReview(releaseId: $r) { enrollments { nullifier } } }",
      { r: next.data!.prepareRelease.releaseId },
    );
    expect(review.data!.releaseReview.enrollments.map((e) => e.nullifier)).not.toContain(fidel.nullifier);
  });

  it("stops downloads while the ethics board suspends the study", async () => {
    const second = await prepare();
    const releaseId = second.data!.prepareRelease.releaseId;
    for (const who of ["ethics1", "ethics2"] as const)
      await voteOverHttp(api.url, tokens[who]!, demoWallet(DEMO[who]), { releaseId }, true);
    expect((await download("researcher", releaseId)).errors).toBeUndefined();
    await as("ethics3", "mutation($s: String!) { suspendStudy(studyId: $s) { status } }", { s: studyId });
    expect((await download("researcher", releaseId)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await as("ethics3", "mutation($s: String!) { resumeStudy(studyId: $s) { status } }", { s: studyId });
    expect((await download("researcher", releaseId)).errors).toBeUndefined();
    lastRelease = releaseId;
  });

  let lastRelease = "";

  it("does not let a release approved under version 1 be downloaded once version 2 is approved", async () => {
    const amended = await as<{ amendStudy: { version: number } }>(
      "researcher",
      "mutation($s: String!, $i: StudyProposalInput!) { amendStudy(studyId: $s, input: $i) { version } }",
      { s: studyId, i: studyProposal(criteria, { title: "Obesity and later diabetes, second version", minCohortSize: 3 }) },
    );
    expect(amended.errors).toBeUndefined();
    for (const who of ["ethics1", "ethics2"] as const) {
      const voted = await voteOverHttp(api.url, tokens[who]!, demoWallet(DEMO[who]), { studyId }, true);
      expect(voted.errors).toBeUndefined();
    }
    const study = await graphql<{ study: { status: string; version: number } }>(
      api.url,
      "query($s: String!) { study(studyId: $s) { status version } }",
      { s: studyId },
    );
    expect(study.data!.study).toEqual({ status: "APPROVED", version: 2 });
    // The votes on the current version: the two members' approvals as the chain recorded them; none without a session.
    const votes = await as<{ studyVotes: { member: string; approve: boolean }[] }>(
      "researcher",
      "query($s: String!) { studyVotes(studyId: $s) { member approve } }",
      { s: studyId },
    );
    expect(votes.data!.studyVotes).toEqual([
      { member: demoWallet(DEMO.ethics1).address, approve: true },
      { member: demoWallet(DEMO.ethics2).address, approve: true },
    ]);
    const anonymous = await graphql(api.url, "query($s: String!) { studyVotes(studyId: $s) { member } }", { s: studyId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const refused = await download("researcher", lastRelease);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, message: expect.stringContaining("earlier version") });
  });
});
