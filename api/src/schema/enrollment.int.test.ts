/**
 * Studies and anonymous enrollment over HTTP with a real credential, a real proof made with
 * the patient's prover, and the real contracts on the Hardhat chain.
 */
import { buildEddsa, buildPoseidon } from "circomlibjs";

import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  signWithEthers,
  studyProposal,
  testConfig,
  type TestDatabase,
  type WalletTypedData,
  onTestChain,
  voteOverHttp,
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
import { NotEligibleError, proveEligibility, proveWithdrawal, releaseProver, type EligibilityProof } from "../zk/eligibility-prover";
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
  let issue: (holderSecret: bigint) => Credential;
  let studyId = "";
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
    issue = (holderSecret) => {
      const attributes = {
        birthDays: dayNumber(birth.toISOString().slice(0, 10)),
        sex: SEX_CODES.male,
        region: regionOfZip("02139"),
        conditions: [encodeCondition(SNOMED, "195967001")],
        issuedDays: dayNumber(today) - 5,
        expiresDays: dayNumber(today) + 360,
        commitment: poseidon([holderSecret]),
      };
      const signature = eddsa.signPoseidon(issuerKey, eddsa.F.e(credentialMessage(poseidon, attributes)));
      return {
        ...attributes,
        issuerPublicKey: [eddsa.F.toObject(pub[0]), eddsa.F.toObject(pub[1])],
        signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
      };
    };
    credential = issue(secret);
  });
  afterAll(async () => {
    await releaseProver();
    await api?.stop();
    await db?.cleanup();
  });

  const issuerHash = () => issuerKeyHash(poseidon, credential.issuerPublicKey).toString();
  const trustIssuerKey = async (keyHash: string) => {
    const issuers = onTestChain("TrustedIssuerRegistry", DEMO.admin);
    if (!(await issuers.contract.isTrusted(BigInt(keyHash)))) {
      await (await issuers.contract.addIssuer(BigInt(keyHash), demoWallet(DEMO.issuer).address)).wait();
    }
    issuers.close();
  };

  const PROPOSE =
    "mutation($i: StudyProposalInput!) { proposeStudy(input: $i) { studyId status version open criteriaHash summary protocol dataUse { code meaning } } }";
  const tokens: Partial<Record<keyof typeof DEMO, string>> = {};
  const as = <T>(who: keyof typeof DEMO, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(api.url, query, variables, tokens[who]);
  const vote = (who: "ethics1" | "ethics2" | "ethics3", approve: boolean) =>
    voteOverHttp(api.url, tokens[who]!, demoWallet(DEMO[who]), { studyId }, approve);
  const statusOf = async () =>
    (
      await graphql<{ study: { status: string; open: boolean; version: number; approvals: number } }>(
        api.url,
        "query($s: String!) { study(studyId: $s) { status open version approvals } }",
        { s: studyId },
      )
    ).data!.study;
  /** Runs the outbox until `done` (a failed attempt waits out its backoff first). */
  const landed = async (done: () => Promise<boolean>) => {
    for (let tries = 0; !(await done()); tries++) {
      if (tries > 600) throw new Error("the outbox did not land the write");
      await api.services.outbox.relayDue();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const denials = (action: string) =>
    api.dataSource.query(`SELECT actor, decision FROM access_log WHERE action = $1 AND decision = 'DENY'`, [action]) as Promise<unknown[]>;

  it("lets a researcher propose a study, and refuses patients, bad criteria and unknown data-use codes", async () => {
    for (const who of ["patient", "researcher", "researcher2", "ethics1", "ethics2", "ethics3"] as const)
      tokens[who] = await signIn(api.url, demoWallet(DEMO[who]));
    const proposal = studyProposal(criteria, { issuerKeyHash: issuerHash(), dataUse: ["DS-MONDO:0005044", "IRB"] });
    expect((await as("patient", PROPOSE, { i: proposal })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await denials("study.propose")).toEqual([{ actor: demoWallet(DEMO.patient).address, decision: "DENY" }]);
    const bad = await as("researcher", PROPOSE, { i: { ...proposal, criteria: { ...criteria, minAge: 80, maxAge: 20 } } });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const badUse = await as("researcher", PROPOSE, { i: { ...proposal, dataUse: ["HMB", "GRU"] } });
    expect(badUse.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining("exactly one DUO permission"),
    });
    const badK = await as("researcher", PROPOSE, { i: { ...proposal, minCohortSize: 1 } });
    expect(badK.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const { title: _title, ...untitled } = proposal;
    expect((await as("researcher", PROPOSE, { i: untitled })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("researcher", PROPOSE, { i: { ...proposal, minCohortSize: "eleven" } })).errors?.[0]?.extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect((await as("researcher", PROPOSE, { i: { ...proposal, dpBudget: 0 } })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("researcher", PROPOSE, { i: { ...proposal, issuerKeyHash: "0xabc" } })).errors?.[0]?.extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect((await graphql<{ studies: unknown[] }>(api.url, "{ studies { studyId } }")).data!.studies).toEqual([]);

    const proposed = await as<{
      proposeStudy: {
        studyId: string;
        status: string;
        open: boolean;
        criteriaHash: string;
        summary: string;
        protocol: string;
        dataUse: unknown[];
      };
    }>("researcher", PROPOSE, { i: proposal });
    expect(proposed.errors).toBeUndefined();
    studyId = proposed.data!.proposeStudy.studyId;
    expect(proposed.data!.proposeStudy).toMatchObject({ status: "PROPOSED", open: false, protocol: proposal.protocol });
    expect(proposed.data!.proposeStudy.summary).toContain("aged 30–70");
    expect(proposed.data!.proposeStudy.dataUse).toEqual([
      { code: "DS-MONDO:0005044", meaning: "disease-specific research (MONDO:0005044)" },
      { code: "IRB", meaning: "ethics approval required" },
    ]);
    const input = eligibilityInput(poseidon, credential, secret, encodeCriteria(criteria), BigInt(studyId), dayNumber(today));
    expect(proposed.data!.proposeStudy.criteriaHash).toBe(String(input.criteriaHash));
    // The chain holds the hashes only; the public sees the terms but not the protocol.
    const registry = onTestChain("StudyRegistry");
    const onChain = await registry.contract.study(BigInt(studyId));
    registry.close();
    expect(onChain.researcher).toBe(demoWallet(DEMO.researcher).address);
    const publicView = await graphql<{ study: { protocol: string | null } }>(
      api.url,
      "query($s: String!) { study(studyId: $s) { protocol } }",
      { s: studyId },
    );
    expect(publicView.data!.study.protocol).toBeNull();
  });

  it("approves the study with two of three signed ethics-board votes, and refuses others' votes", async () => {
    const byResearcher = await as("researcher", "mutation($s: String!) { prepareStudyVote(studyId: $s, approve: true) { typedData } }", {
      s: studyId,
    });
    expect(byResearcher.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await denials("study.vote")).toHaveLength(1);
    // A signature by someone else than the signed-in member.
    const prepared = await as<{ prepareStudyVote: { typedData: WalletTypedData } }>(
      "ethics1",
      "mutation($s: String!) { prepareStudyVote(studyId: $s, approve: true) { typedData } }",
      { s: studyId },
    );
    const forged = await signWithEthers(demoWallet(DEMO.ethics2), prepared.data!.prepareStudyVote.typedData);
    const cast = "mutation($s: String!, $sig: String!) { castStudyVote(studyId: $s, approve: true, signature: $sig) { status } }";
    expect((await as("ethics1", cast, { s: studyId, sig: forged })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("ethics1", cast, { s: studyId, sig: "0xdeadbeef" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await as("ethics1", cast, { s: "424242", sig: forged })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await statusOf()).toMatchObject({ status: "PROPOSED", approvals: 0 });

    expect((await vote("ethics1", true)).errors).toBeUndefined();
    expect(await statusOf()).toMatchObject({ status: "PROPOSED", open: false, approvals: 1 });
    expect((await vote("ethics1", true)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await vote("ethics3", true)).data!.castStudyVote.status).toBe("APPROVED");
    expect(await statusOf()).toMatchObject({ status: "APPROVED", open: true, approvals: 2 });
    expect((await vote("ethics2", true)).errors?.[0]?.extensions?.code).toBe("CONFLICT");

    await trustIssuerKey(issuerHash());
    const open = await graphql<{ studies: { studyId: string; open: boolean; onChainMatches: boolean }[] }>(
      api.url,
      "{ studies(status: [APPROVED]) { studyId open onChainMatches } }",
    );
    expect(open.data!.studies).toEqual([{ studyId, open: true, onChainMatches: true }]);
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

  it("keeps an enrollment and a withdrawal whose relay was cut after mining, and records each once when the outbox runs again", async () => {
    const other = 1618033988749894848204586n;
    const input = eligibilityInput(poseidon, issue(other), other, encodeCriteria(criteria), BigInt(studyId), dayNumber(today));
    const made = await proveEligibility(ARTIFACTS, input);
    const nullifier = String(nullifierOf(poseidon, other, BigInt(studyId)));
    const row = async () =>
      (await api.dataSource.query(
        `SELECT tx_hash, chain_status, withdrawn_at IS NOT NULL AS withdrawn, withdraw_tx, withdraw_status FROM enrollment WHERE study_id = $1 AND nullifier = $2`,
        [studyId, nullifier],
      )) as {
        tx_hash: string | null;
        chain_status: string;
        withdrawn: boolean;
        withdraw_tx: string | null;
        withdraw_status: string | null;
      }[];

    // The enrollment transaction is mined, then the process loses the answer (as a crash would).
    process.env.MEDLEDGER_FAIL_ONCE_AT = "study.enroll-mined";
    const enrolled = await graphql<{ enroll: { nullifier: string; txHash: string | null; chainStatus: string } }>(
      api.url,
      "mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { enroll(studyId: $s, proof: $p, publicSignals: $sig) { nullifier txHash chainStatus } }",
      { s: studyId, p: made.proof, sig: made.publicSignals },
    );
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.data!.enroll).toEqual({ nullifier, txHash: null, chainStatus: "PENDING" });
    expect(await row()).toEqual([{ tx_hash: null, chain_status: "PENDING", withdrawn: false, withdraw_tx: null, withdraw_status: null }]);
    // The same proof again while it is pending: the pseudonym is taken.
    expect((await graphql(api.url, ENROLL, { s: studyId, p: made.proof, sig: made.publicSignals })).errors?.[0]?.extensions?.code).toBe(
      "CONFLICT",
    );
    await landed(async () => (await row())[0].chain_status === "CONFIRMED");
    const enrollTx = (await row())[0].tx_hash;
    expect(enrollTx).toMatch(/^0x[0-9a-f]{64}$/);
    const contract = onTestChain("EligibilityEnrollment");
    try {
      const events = await contract.contract.queryFilter(contract.contract.filters.Enrolled(BigInt(studyId), BigInt(nullifier)));
      expect(events.map((e) => e.transactionHash)).toEqual([enrollTx]); // adopted, not sent twice
    } finally {
      contract.close();
    }

    const ownership = await proveWithdrawal(ARTIFACTS, other, BigInt(studyId));
    process.env.MEDLEDGER_FAIL_ONCE_AT = "study.withdraw-mined";
    const withdrawn = await graphql<{ withdraw: { txHash: string | null; chainStatus: string } }>(
      api.url,
      "mutation($s: String!, $p: JSONObject!, $sig: [String!]!) { withdraw(studyId: $s, proof: $p, publicSignals: $sig) { txHash chainStatus } }",
      { s: studyId, p: ownership.proof, sig: ownership.publicSignals },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.withdraw).toEqual({ txHash: null, chainStatus: "PENDING" });
    await landed(async () => (await row())[0].withdraw_status === "CONFIRMED");
    expect((await row())[0]).toMatchObject({ withdrawn: true, withdraw_tx: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(
      await graphql<{ enrollmentStatus: { enrolled: boolean; withdrawn: boolean } }>(
        api.url,
        "query($s: String!, $n: String!) { enrollmentStatus(studyId: $s, nullifier: $n) { enrolled withdrawn } }",
        { s: studyId, n: nullifier },
      ).then((r) => r.data!.enrollmentStatus),
    ).toEqual({ enrolled: false, withdrawn: true });
    await expect(api.services.outbox.counts()).resolves.toEqual({ pending: 0, failed: 0 });
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

  it("closes enrollment while the study is suspended, and reopens it on resume", async () => {
    expect(
      (await as("researcher", "mutation($s: String!) { suspendStudy(studyId: $s) { status } }", { s: studyId })).errors?.[0]?.extensions
        ?.code,
    ).toBe("FORBIDDEN");
    const suspended = await as<{ suspendStudy: { status: string; open: boolean } }>(
      "ethics2",
      "mutation($s: String!) { suspendStudy(studyId: $s) { status open } }",
      {
        s: studyId,
      },
    );
    expect(suspended.data!.suspendStudy).toEqual({ status: "SUSPENDED", open: false });
    const refused = await graphql(api.url, ENROLL, { s: studyId, p: proof.proof, sig: proof.publicSignals });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" }, message: expect.stringContaining("not open") });
    expect(
      (
        await as<{ resumeStudy: { status: string } }>("ethics3", "mutation($s: String!) { resumeStudy(studyId: $s) { status } }", {
          s: studyId,
        })
      ).data!.resumeStudy.status,
    ).toBe("APPROVED");
  });

  it("makes an amendment a new version that needs approval again; only its researcher amends", async () => {
    const AMEND = "mutation($s: String!, $i: StudyProposalInput!) { amendStudy(studyId: $s, input: $i) { status version open } }";
    const amended = studyProposal(criteria, {
      issuerKeyHash: issuerHash(),
      dataUse: ["HMB", "IRB"],
      title: "Hypertension outcomes, extended",
    });
    expect((await as("researcher2", AMEND, { s: studyId, i: amended })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await denials("study.amend")).toHaveLength(1);
    // The amendment is mined, then the answer is lost: it stays PENDING here and is adopted, not sent twice.
    process.env.MEDLEDGER_FAIL_ONCE_AT = "study.amend-mined";
    const result = await as<{ amendStudy: { status: string; version: number; open: boolean; chainStatus: string } }>(
      "researcher",
      "mutation($s: String!, $i: StudyProposalInput!) { amendStudy(studyId: $s, input: $i) { status version open chainStatus } }",
      { s: studyId, i: amended },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.amendStudy).toEqual({ status: "PROPOSED", version: 2, open: false, chainStatus: "PENDING" });
    expect((await as("researcher", AMEND, { s: studyId, i: amended })).errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringContaining("still on its way to the chain"),
    });
    const chainStatus = async () =>
      (
        await graphql<{ study: { chainStatus: string } }>(api.url, "query($s: String!) { study(studyId: $s) { chainStatus } }", {
          s: studyId,
        })
      ).data!.study.chainStatus;
    await landed(async () => (await chainStatus()) === "CONFIRMED");
    const registry = onTestChain("StudyRegistry");
    try {
      expect(await registry.contract.queryFilter(registry.contract.filters.StudyAmended(BigInt(studyId)))).toHaveLength(1);
    } finally {
      registry.close();
    }
    // A member removed from the board on chain, whose vote this process still lets through: the contract's
    // refusal comes back to them with its own code, and nothing counts.
    const roles = onTestChain("RoleRegistry", DEMO.admin);
    const board = await roles.contract.ETHICS_BOARD_ROLE();
    const ethics3 = demoWallet(DEMO.ethics3).address;
    const failedBefore = (await api.services.outbox.counts()).failed;
    await (await roles.contract.revokeRole(board, ethics3)).wait();
    try {
      const refused = await vote("ethics3", true);
      expect(refused.errors?.[0]).toMatchObject({
        extensions: { code: "FORBIDDEN" },
        message: expect.stringMatching(/^the chain refused the vote: .*ethics-board/),
      });
      expect((await api.services.outbox.counts()).failed).toBe(failedBefore + 1);
    } finally {
      await (await roles.contract.grantRole(board, ethics3)).wait();
      roles.close();
    }
    expect(await statusOf()).toMatchObject({ status: "PROPOSED", approvals: 0 });
    expect((await vote("ethics1", true)).errors).toBeUndefined();
    expect((await vote("ethics2", true)).data!.castStudyVote.status).toBe("APPROVED");
    expect(await statusOf()).toMatchObject({ status: "APPROVED", version: 2, open: true });
  });

  it("lets the researcher close the study for good; another researcher may not", async () => {
    const CLOSE = "mutation($s: String!) { closeStudy(studyId: $s) { status open } }";
    // An amendment waits for the chain while the study is closed: the chain refuses it, and version 2 comes back here.
    process.env.MEDLEDGER_FAIL_ONCE_AT = "study.amend-send";
    const third = studyProposal(criteria, { issuerKeyHash: issuerHash(), title: "Hypertension outcomes, third take" });
    const pending = await as<{ amendStudy: { version: number; chainStatus: string } }>(
      "researcher",
      "mutation($s: String!, $i: StudyProposalInput!) { amendStudy(studyId: $s, input: $i) { version chainStatus } }",
      { s: studyId, i: third },
    );
    expect(pending.data!.amendStudy).toEqual({ version: 3, chainStatus: "PENDING" });
    expect((await as("researcher2", CLOSE, { s: studyId })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await as<{ closeStudy: { status: string } }>("researcher", CLOSE, { s: studyId })).data!.closeStudy).toEqual({
      status: "CLOSED",
      open: false,
    });
    expect((await as("researcher", CLOSE, { s: studyId })).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const study = async () =>
      (
        await graphql<{ study: { version: number; title: string; chainStatus: string; chainError: string | null } }>(
          api.url,
          "query($s: String!) { study(studyId: $s) { version title chainStatus chainError } }",
          { s: studyId },
        )
      ).data!.study;
    await landed(async () => (await study()).chainStatus === "CONFIRMED");
    expect(await study()).toEqual({
      version: 2,
      title: "Hypertension outcomes, extended",
      chainStatus: "CONFIRMED",
      chainError: expect.stringMatching(/^amendment to version 3 refused: .*status/),
    });
    const amend = "mutation($s: String!, $i: StudyProposalInput!) { amendStudy(studyId: $s, input: $i) { version } }";
    expect(
      (await as("researcher", amend, { s: studyId, i: studyProposal(criteria, { issuerKeyHash: issuerHash() }) })).errors?.[0]?.extensions
        ?.code,
    ).toBe("CONFLICT");
    expect(await statusOf()).toMatchObject({ status: "CLOSED", version: 2 });
  });
});
