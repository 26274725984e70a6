import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import claims from "../deploy/claims.json" with { type: "json" };
import { deployFixture, ethers, networkHelpers } from "./fixtures.ts";

const RECORD_VERSIONS = 0;
const Status = { None: 0n, Approved: 1n, Rejected: 2n, Review: 3n };
const Reason = Object.fromEntries(claims.reasons.map((r, i) => [r.code, BigInt(i)])) as Record<string, bigint>;
const TYPE = Object.fromEntries(claims.recordTypes.map((t, i) => [t, i])) as Record<string, number>;

const POLICY = ethers.id("harbor-basic");
const COVERAGE = ethers.id("coverage-1");
const PATIENT = ethers.id("salted patient reference");
const START = 20_000; // days since 1970
const END = START + 365;
const OFFICE = ethers.id("http://www.ama-assn.org/go/cpt|99213");
const MRI = ethers.id("http://www.ama-assn.org/go/cpt|70551");
const THERAPY = ethers.id("http://www.ama-assn.org/go/cpt|97110");
const COSMETIC = ethers.id("http://www.ama-assn.org/go/cpt|15780");

const rule = (r: Partial<Record<string, unknown>>) => ({
  covered: true,
  priorAuthRequired: false,
  requiredRecordTypes: 0,
  periodDays: 0,
  maxPerClaim: 0n,
  maxPerPeriod: 0n,
  copay: 0n,
  coinsuranceBps: 0,
  ...r,
});
const RULES = {
  codes: [OFFICE, MRI, THERAPY],
  rules: [
    rule({ maxPerClaim: 20_000n, copay: 2_500n }),
    rule({ priorAuthRequired: true, requiredRecordTypes: 1 << TYPE.Condition, maxPerClaim: 300_000n, coinsuranceBps: 2_000 }),
    rule({ periodDays: 365, maxPerPeriod: 30_000n }),
  ],
};

/** Two anchored record versions (a Condition at seq 1, an Observation at seq 2) and the proofs a claim cites. */
const VERSIONS: [bigint, string][] = [
  [1n, ethers.id("condition v1")],
  [2n, ethers.id("observation v1")],
];

async function claimsFixture() {
  const base = await deployFixture();
  const signers = await ethers.getSigners();
  const insurer = signers[4];
  const otherInsurer = signers[5];
  const roles = base.roleRegistry;
  await roles.grantRole(await roles.DOCTOR_ROLE(), base.doctor.address);
  for (const who of [insurer, otherInsurer]) await roles.grantRole(await roles.INSURER_ROLE(), who.address);
  const registry = await ethers.getContractAt("ClaimsRegistry", base.deployment.contracts.ClaimsRegistry.address);
  const anchors = await ethers.getContractAt("AnchorRegistry", base.deployment.contracts.AnchorRegistry.address);
  const tree = StandardMerkleTree.of(VERSIONS, ["uint256", "bytes32"]);
  await anchors.anchor(RECORD_VERSIONS, tree.root, 1, 2);
  await registry.publishPolicy(POLICY, insurer.address, RULES.codes, RULES.rules);
  await registry.registerCoverage(COVERAGE, { policyId: POLICY, patientRef: PATIENT, startDay: START, endDay: END });
  const evidence = (index: number, recordType: number) => ({
    recordType,
    seq: VERSIONS[index][0],
    versionHash: VERSIONS[index][1],
    anchorIndex: 0n,
    proof: tree.getProof(index),
  });
  let next = 0;
  const claim = (items: { code: string; day?: number; amount: bigint }[], extra: Record<string, unknown> = {}) => ({
    claimId: ethers.id(`claim ${next++}`),
    coverageId: COVERAGE,
    provider: base.doctor.address,
    preauthorization: false,
    priorAuthId: ethers.ZeroHash,
    items: items.map((i) => ({ code: i.code, serviceDay: i.day ?? START + 10, quantity: 1, amount: i.amount })),
    evidence: [evidence(0, TYPE.Condition), evidence(1, TYPE.Observation)],
    ...extra,
  });
  /** Submits and returns the stored outcome. */
  const submit = async (c: ReturnType<typeof claim>) => {
    await registry.submitClaim(c);
    return registry.outcome(c.claimId);
  };
  return { ...base, insurer, otherInsurer, registry, anchors, tree, evidence, claim, submit };
}

describe("ClaimsRegistry", () => {
  it("numbers its reasons as contracts/deploy/claims.json lists them", async () => {
    expect(Object.keys(Reason)).to.deep.equal([
      "None",
      "NotCovered",
      "OverClaimLimit",
      "OverPeriodLimit",
      "OutsideCoverage",
      "Duplicate",
      "UnanchoredEvidence",
      "MissingEvidence",
      "PriorAuthRequired",
      "PriorAuthInvalid",
      "InsurerDecision",
    ]);
  });

  describe("policies and coverage", () => {
    it("lets an insurer publish rules per code, as new versions, and keeps the policy theirs", async () => {
      const { registry, insurer, otherInsurer } = await networkHelpers.loadFixture(claimsFixture);
      expect((await registry.rule(POLICY, OFFICE)).copay).to.equal(2_500n);
      await expect(registry.publishPolicy(POLICY, insurer.address, [OFFICE], [rule({ copay: 3_000n })]))
        .to.emit(registry, "PolicyPublished")
        .withArgs(POLICY, insurer.address, 2, 1);
      expect((await registry.rule(POLICY, OFFICE)).copay).to.equal(3_000n);
      expect((await registry.rule(POLICY, MRI)).covered).to.equal(false); // version 2 does not list it
      await expect(registry.publishPolicy(POLICY, otherInsurer.address, [OFFICE], [rule({})]))
        .to.be.revertedWithCustomError(registry, "ClaimsPolicyOwnedByAnother")
        .withArgs(POLICY, insurer.address);
    });

    it("refuses policies from non-insurers, through anyone but the relayer, or with bad rules", async () => {
      const { registry, insurer, doctor, stranger } = await networkHelpers.loadFixture(claimsFixture);
      const other = ethers.id("other policy");
      await expect(registry.publishPolicy(other, doctor.address, [OFFICE], [rule({})]))
        .to.be.revertedWithCustomError(registry, "ClaimsNotInsurer")
        .withArgs(doctor.address);
      await expect((registry.connect(stranger) as typeof registry).publishPolicy(other, insurer.address, [OFFICE], [rule({})]))
        .to.be.revertedWithCustomError(registry, "ClaimsNotRelayer")
        .withArgs(stranger.address);
      for (const [codes, rules] of [
        [[OFFICE], [rule({ coinsuranceBps: 10_001 })]],
        [[OFFICE], [rule({ maxPerPeriod: 1n, periodDays: 0 })]],
        [[OFFICE, MRI], [rule({})]],
        [[], []],
      ] as const) {
        await expect(registry.publishPolicy(other, insurer.address, [...codes], [...rules])).to.be.revertedWithCustomError(
          registry,
          "ClaimsBadPolicy",
        );
      }
    });

    it("registers a coverage once, for a known policy, with a period", async () => {
      const { registry } = await networkHelpers.loadFixture(claimsFixture);
      const coverage = { policyId: POLICY, patientRef: PATIENT, startDay: START, endDay: END };
      await expect(registry.registerCoverage(COVERAGE, coverage)).to.be.revertedWithCustomError(registry, "ClaimsCoverageExists");
      await expect(registry.registerCoverage(ethers.id("c2"), { ...coverage, policyId: ethers.id("nope") })).to.be.revertedWithCustomError(
        registry,
        "ClaimsUnknownPolicy",
      );
      await expect(registry.registerCoverage(ethers.id("c3"), { ...coverage, endDay: START - 1 })).to.be.revertedWithCustomError(
        registry,
        "ClaimsBadCoverage",
      );
    });
  });

  describe("adjudication on submission", () => {
    it("approves a claim that meets the policy and computes what the plan pays and the patient owes", async () => {
      const { registry, claim } = await networkHelpers.loadFixture(claimsFixture);
      const c = claim([{ code: OFFICE, amount: 15_000n }]);
      await expect(registry.submitClaim(c))
        .to.emit(registry, "ClaimAdjudicated")
        .withArgs(c.claimId, COVERAGE, Status.Approved, Reason.None, 15_000n, 12_500n, 2_500n);
      const outcome = await registry.outcome(c.claimId);
      expect([outcome.status, outcome.planPays, outcome.patientShare, outcome.policyVersion]).to.deep.equal([
        Status.Approved,
        12_500n,
        2_500n,
        1n,
      ]);
    });

    it("refuses the same items claimed twice (another claim, or twice in one claim)", async () => {
      const { claim, submit } = await networkHelpers.loadFixture(claimsFixture);
      expect((await submit(claim([{ code: OFFICE, amount: 15_000n }]))).status).to.equal(Status.Approved);
      const again = await submit(claim([{ code: OFFICE, amount: 15_000n }]));
      expect([again.status, again.reason, again.planPays, again.patientShare]).to.deep.equal([Status.Rejected, Reason.Duplicate, 0n, 0n]);
      const doubled = await submit(
        claim([
          { code: OFFICE, day: START + 20, amount: 100n },
          { code: OFFICE, day: START + 20, amount: 100n },
        ]),
      );
      expect([doubled.status, doubled.reason]).to.deep.equal([Status.Rejected, Reason.Duplicate]);
      // Another day is another visit.
      expect((await submit(claim([{ code: OFFICE, day: START + 30, amount: 100n }]))).status).to.equal(Status.Approved);
    });

    it("refuses evidence that is not in an anchored batch: an altered version, a wrong batch, a sequence outside it", async () => {
      const { claim, submit, evidence } = await networkHelpers.loadFixture(claimsFixture);
      const good = evidence(0, TYPE.Condition);
      for (const bad of [
        { ...good, versionHash: ethers.id("condition v1, edited in the database") },
        { ...good, anchorIndex: 1n },
        { ...good, seq: 3n },
        { ...good, proof: [] },
      ]) {
        const outcome = await submit(claim([{ code: OFFICE, amount: 100n }], { evidence: [bad] }));
        expect([outcome.status, outcome.reason]).to.deep.equal([Status.Rejected, Reason.UnanchoredEvidence]);
      }
    });

    it("refuses service days outside the coverage period", async () => {
      const { claim, submit } = await networkHelpers.loadFixture(claimsFixture);
      for (const day of [START - 1, END + 1]) {
        const outcome = await submit(claim([{ code: OFFICE, day, amount: 100n }]));
        expect([outcome.status, outcome.reason]).to.deep.equal([Status.Rejected, Reason.OutsideCoverage]);
      }
      expect((await submit(claim([{ code: OFFICE, day: END, amount: 100n }]))).status).to.equal(Status.Approved);
    });

    it("refuses amounts over the limit per claim and, across claims, over the limit per period", async () => {
      const { claim, submit } = await networkHelpers.loadFixture(claimsFixture);
      const over = await submit(claim([{ code: OFFICE, amount: 20_001n }]));
      expect([over.status, over.reason]).to.deep.equal([Status.Rejected, Reason.OverClaimLimit]);
      expect((await submit(claim([{ code: THERAPY, day: START + 1, amount: 20_000n }]))).status).to.equal(Status.Approved);
      const second = await submit(claim([{ code: THERAPY, day: START + 2, amount: 10_001n }]));
      expect([second.status, second.reason]).to.deep.equal([Status.Rejected, Reason.OverPeriodLimit]);
      expect((await submit(claim([{ code: THERAPY, day: START + 3, amount: 10_000n }]))).status).to.equal(Status.Approved);
      // The next period starts again from zero.
      const nextPeriod = Math.ceil((START + 3) / 365) * 365; // periods are whole multiples of periodDays since 1970
      expect((await submit(claim([{ code: THERAPY, day: nextPeriod, amount: 20_000n }]))).status).to.equal(Status.Approved);
    });

    it("refuses a code without the record types the policy requires as evidence", async () => {
      const { claim, submit, evidence, registry } = await networkHelpers.loadFixture(claimsFixture);
      const auth = claim([{ code: MRI, amount: 100_000n }], { preauthorization: true });
      expect((await submit(auth)).status).to.equal(Status.Approved);
      const onlyObservation = await submit(
        claim([{ code: MRI, amount: 100_000n }], { priorAuthId: auth.claimId, evidence: [evidence(1, TYPE.Observation)] }),
      );
      expect([onlyObservation.status, onlyObservation.reason]).to.deep.equal([Status.Rejected, Reason.MissingEvidence]);
      expect((await registry.outcome(auth.claimId)).preauthorization).to.equal(true);
    });

    it("refuses a code needing prior authorisation without one, or with one for another coverage or code, and approves it with one", async () => {
      const { claim, submit, registry } = await networkHelpers.loadFixture(claimsFixture);
      const none = await submit(claim([{ code: MRI, amount: 100_000n }]));
      expect([none.status, none.reason]).to.deep.equal([Status.Rejected, Reason.PriorAuthRequired]);
      // A prior-authorisation request is adjudicated by the same rules (here: approved, with the plan's estimate).
      const auth = claim([{ code: MRI, amount: 100_000n }], { preauthorization: true });
      const authorised = await submit(auth);
      expect([authorised.status, authorised.planPays, authorised.patientShare]).to.deep.equal([Status.Approved, 80_000n, 20_000n]);
      // An approved ordinary claim is not an authorisation; an authorisation for one code does not cover another.
      const office = claim([{ code: OFFICE, amount: 100n }]);
      await submit(office);
      const notAuth = await submit(claim([{ code: MRI, day: START + 40, amount: 100_000n }], { priorAuthId: office.claimId }));
      expect([notAuth.status, notAuth.reason]).to.deep.equal([Status.Rejected, Reason.PriorAuthInvalid]);
      const therapyAuth = claim([{ code: THERAPY, amount: 100n }], { preauthorization: true });
      await submit(therapyAuth);
      const wrongCode = await submit(claim([{ code: MRI, day: START + 41, amount: 100_000n }], { priorAuthId: therapyAuth.claimId }));
      expect([wrongCode.status, wrongCode.reason]).to.deep.equal([Status.Rejected, Reason.PriorAuthInvalid]);
      const approved = claim([{ code: MRI, amount: 100_000n }], { priorAuthId: auth.claimId });
      await expect(registry.submitClaim(approved))
        .to.emit(registry, "ClaimAdjudicated")
        .withArgs(approved.claimId, COVERAGE, Status.Approved, Reason.None, 100_000n, 80_000n, 20_000n);
    });

    it("refuses a provider without the doctor role, an unknown coverage, an empty or resubmitted claim, and callers other than the relayer", async () => {
      const { registry, claim, stranger, insurer } = await networkHelpers.loadFixture(claimsFixture);
      await expect(registry.submitClaim(claim([{ code: OFFICE, amount: 1n }], { provider: insurer.address })))
        .to.be.revertedWithCustomError(registry, "ClaimsNotDoctor")
        .withArgs(insurer.address);
      await expect(
        registry.submitClaim(claim([{ code: OFFICE, amount: 1n }], { coverageId: ethers.id("none") })),
      ).to.be.revertedWithCustomError(registry, "ClaimsUnknownCoverage");
      await expect(registry.submitClaim(claim([]))).to.be.revertedWithCustomError(registry, "ClaimsEmpty");
      const c = claim([{ code: OFFICE, amount: 1n }]);
      await registry.submitClaim(c);
      await expect(registry.submitClaim({ ...c, items: [{ ...c.items[0], serviceDay: START + 99 }] }))
        .to.be.revertedWithCustomError(registry, "ClaimsAlreadySubmitted")
        .withArgs(c.claimId);
      await expect((registry.connect(stranger) as typeof registry).submitClaim(claim([{ code: OFFICE, amount: 1n }])))
        .to.be.revertedWithCustomError(registry, "ClaimsNotRelayer")
        .withArgs(stranger.address);
    });
  });

  describe("review by the insurer", () => {
    it("sends a code the policy does not cover to review; the policy's insurer approves with a payable amount", async () => {
      const { registry, claim, submit, insurer, otherInsurer } = await networkHelpers.loadFixture(claimsFixture);
      const c = claim([{ code: COSMETIC, amount: 50_000n }]);
      const pending = await submit(c);
      expect([pending.status, pending.reason]).to.deep.equal([Status.Review, Reason.NotCovered]);
      // Held against duplicates while in review.
      const copy = await submit(claim([{ code: COSMETIC, amount: 50_000n }]));
      expect(copy.reason).to.equal(Reason.Duplicate);
      await expect(registry.decideClaim(c.claimId, otherInsurer.address, true, 1n, Reason.None))
        .to.be.revertedWithCustomError(registry, "ClaimsNotInsurer")
        .withArgs(otherInsurer.address);
      await expect(registry.decideClaim(c.claimId, insurer.address, true, 50_001n, Reason.None)).to.be.revertedWithCustomError(
        registry,
        "ClaimsBadDecision",
      );
      await expect(registry.decideClaim(c.claimId, insurer.address, true, 20_000n, Reason.None))
        .to.emit(registry, "ClaimReviewed")
        .withArgs(c.claimId, insurer.address, Status.Approved, Reason.None, 20_000n);
      const decided = await registry.outcome(c.claimId);
      expect([decided.status, decided.planPays, decided.patientShare]).to.deep.equal([Status.Approved, 20_000n, 30_000n]);
      await expect(registry.decideClaim(c.claimId, insurer.address, false, 0n, Reason.InsurerDecision))
        .to.be.revertedWithCustomError(registry, "ClaimsNotInReview")
        .withArgs(c.claimId);
    });

    it("rejects with a reason, which frees the items for a corrected claim; a rejection needs a reason", async () => {
      const { registry, claim, submit, insurer } = await networkHelpers.loadFixture(claimsFixture);
      const c = claim([{ code: COSMETIC, amount: 50_000n }]);
      await submit(c);
      await expect(registry.decideClaim(c.claimId, insurer.address, false, 0n, Reason.None)).to.be.revertedWithCustomError(
        registry,
        "ClaimsBadDecision",
      );
      await registry.decideClaim(c.claimId, insurer.address, false, 0n, Reason.InsurerDecision);
      const rejected = await registry.outcome(c.claimId);
      expect([rejected.status, rejected.reason, rejected.planPays]).to.deep.equal([Status.Rejected, Reason.InsurerDecision, 0n]);
      expect((await submit(claim([{ code: COSMETIC, amount: 50_000n }]))).status).to.equal(Status.Review);
      await expect(registry.decideClaim(ethers.id("nothing"), insurer.address, true, 0n, Reason.None)).to.be.revertedWithCustomError(
        registry,
        "ClaimsUnknown",
      );
    });

    it("keeps a rejection over a review: an uncovered code beside a duplicate is rejected at once", async () => {
      const { claim, submit } = await networkHelpers.loadFixture(claimsFixture);
      await submit(claim([{ code: OFFICE, amount: 100n }]));
      const mixed = await submit(
        claim([
          { code: COSMETIC, amount: 100n },
          { code: OFFICE, amount: 100n },
        ]),
      );
      expect([mixed.status, mixed.reason]).to.deep.equal([Status.Rejected, Reason.Duplicate]);
    });
  });
});
