import { expect } from "chai";
import { TypedDataEncoder } from "ethers";

import research from "../deploy/research-eip712.json" with { type: "json" };
import { ethers, networkHelpers, researchFixture, voteDomain } from "./fixtures.ts";

const STUDY = 7n;
const PROTOCOL = ethers.id("protocol v1");
const TERMS = ethers.id("terms v1");
const CRITERIA = 11n;
const ISSUER = 22n;
const Status = { None: 0n, Proposed: 1n, Approved: 2n, Rejected: 3n, Suspended: 4n, Closed: 5n };

async function proposedFixture() {
  const f = await researchFixture();
  await (f.studies.connect(f.researcher) as typeof f.studies).propose(STUDY, f.researcher.address, PROTOCOL, TERMS, CRITERIA, ISSUER);
  const releases = await ethers.getContractAt("ReleaseRegistry", f.deployment.contracts.ReleaseRegistry.address);
  const releaseDomain = await voteDomain("ReleaseRegistry", await releases.getAddress());
  const castReleaseVote = async (member: typeof f.ethicsA, releaseId: bigint, manifestHash: string, approve: boolean) => {
    const ballot = { releaseId, manifestHash, approve };
    const signature = await member.signTypedData(releaseDomain, { ReleaseVote: research.types.ReleaseVote }, ballot);
    return releases.vote(ballot, member.address, signature);
  };
  return { ...f, releases, castReleaseVote };
}

describe("StudyRegistry", () => {
  it("uses the EIP-712 types of contracts/deploy/research-eip712.json", async () => {
    const { studies, releases } = await networkHelpers.loadFixture(proposedFixture);
    const typeHash = (name: "StudyVote" | "ReleaseVote") =>
      ethers.id(TypedDataEncoder.from({ [name]: research.types[name] }).encodeType(name));
    expect(await studies.STUDY_VOTE_TYPEHASH()).to.equal(typeHash("StudyVote"));
    expect(await releases.RELEASE_VOTE_TYPEHASH()).to.equal(typeHash("ReleaseVote"));
  });

  it("registers a proposal by hashes only and emits StudyProposed", async () => {
    const f = await networkHelpers.loadFixture(researchFixture);
    await expect(
      (f.studies.connect(f.researcher) as typeof f.studies).propose(STUDY, f.researcher.address, PROTOCOL, TERMS, CRITERIA, ISSUER),
    )
      .to.emit(f.studies, "StudyProposed")
      .withArgs(STUDY, f.researcher.address, PROTOCOL, TERMS, CRITERIA, ISSUER);
    const study = await f.studies.study(STUDY);
    expect([study.status, study.version, study.researcher]).to.deep.equal([Status.Proposed, 1n, f.researcher.address]);
    expect((await f.studies.enrollmentTerms(STUDY))[2]).to.equal(false);
  });

  it("refuses proposals from strangers, for non-researchers, twice, or without hashes", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    const asStranger = f.studies.connect(f.stranger) as typeof f.studies;
    await expect(asStranger.propose(8n, f.researcher.address, PROTOCOL, TERMS, CRITERIA, ISSUER))
      .to.be.revertedWithCustomError(f.studies, "StudyNotAllowed")
      .withArgs(f.stranger.address);
    await expect(asStranger.propose(8n, f.stranger.address, PROTOCOL, TERMS, CRITERIA, ISSUER))
      .to.be.revertedWithCustomError(f.studies, "StudyNotResearcher")
      .withArgs(f.stranger.address);
    // The deployer is the development relayer: it may propose for a researcher.
    await expect(f.studies.propose(STUDY, f.researcher.address, PROTOCOL, TERMS, CRITERIA, ISSUER))
      .to.be.revertedWithCustomError(f.studies, "StudyAlreadyExists")
      .withArgs(STUDY);
    await expect(f.studies.propose(8n, f.researcher.address, ethers.ZeroHash, TERMS, CRITERIA, ISSUER)).to.be.revertedWithCustomError(
      f.studies,
      "StudyMissingHash",
    );
  });

  it("approves with two of three signed votes, submitted by anyone", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await expect(f.castStudyVote(f.ethicsA, STUDY, 1, true))
      .to.emit(f.studies, "StudyVoted")
      .withArgs(STUDY, 1, f.ethicsA.address, true);
    expect((await f.studies.study(STUDY)).status).to.equal(Status.Proposed);
    const signature = await f.signStudyVote(f.ethicsB, STUDY, 1, true);
    const asStranger = f.studies.connect(f.stranger) as typeof f.studies;
    await expect(asStranger.vote({ studyId: STUDY, version: 1, termsHash: TERMS, approve: true }, f.ethicsB.address, signature))
      .to.emit(f.studies, "StudyApproved")
      .withArgs(STUDY, 1);
    expect(await f.studies.enrollmentTerms(STUDY)).to.deep.equal([CRITERIA, ISSUER, true]);
    expect(await f.studies.hasVoted(STUDY, 1, f.ethicsB.address)).to.equal(true);
    await expect(f.castStudyVote(f.ethicsC, STUDY, 1, true))
      .to.be.revertedWithCustomError(f.studies, "StudyWrongStatus")
      .withArgs(STUDY, Status.Approved);
  });

  it("rejects with two rejections", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await f.castStudyVote(f.ethicsA, STUDY, 1, false);
    await expect(f.castStudyVote(f.ethicsC, STUDY, 1, false))
      .to.emit(f.studies, "StudyRejected")
      .withArgs(STUDY, 1);
    expect((await f.studies.study(STUDY)).status).to.equal(Status.Rejected);
  });

  it("refuses votes of non-members, forged signatures, double votes and stale versions", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await expect(f.castStudyVote(f.stranger, STUDY, 1, true))
      .to.be.revertedWithCustomError(f.studies, "StudyNotEthicsBoard")
      .withArgs(f.stranger.address);
    const strangerSignature = await f.signStudyVote(f.stranger, STUDY, 1, true);
    await expect(f.studies.vote({ studyId: STUDY, version: 1, termsHash: TERMS, approve: true }, f.ethicsA.address, strangerSignature))
      .to.be.revertedWithCustomError(f.studies, "StudyBadSignature")
      .withArgs(f.ethicsA.address);
    const rejection = await f.signStudyVote(f.ethicsA, STUDY, 1, false);
    await expect(
      f.studies.vote({ studyId: STUDY, version: 1, termsHash: TERMS, approve: true }, f.ethicsA.address, rejection),
    ).to.be.revertedWithCustomError(f.studies, "StudyBadSignature");
    await f.castStudyVote(f.ethicsA, STUDY, 1, true);
    await expect(f.castStudyVote(f.ethicsA, STUDY, 1, true))
      .to.be.revertedWithCustomError(f.studies, "StudyAlreadyVoted")
      .withArgs(STUDY, 1, f.ethicsA.address);
    await expect(f.castStudyVote(f.ethicsB, STUDY, 2, true))
      .to.be.revertedWithCustomError(f.studies, "StudyStaleVersion")
      .withArgs(STUDY, 2);
  });

  it("makes an amended study a new version that needs approval again", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await f.castStudyVote(f.ethicsA, STUDY, 1, true);
    await f.castStudyVote(f.ethicsB, STUDY, 1, true);
    const asResearcher = f.studies.connect(f.researcher) as typeof f.studies;
    await expect(asResearcher.amend(STUDY, ethers.id("protocol v2"), TERMS, CRITERIA + 1n, ISSUER))
      .to.emit(f.studies, "StudyAmended")
      .withArgs(STUDY, 2, ethers.id("protocol v2"), TERMS, CRITERIA + 1n, ISSUER);
    expect(await f.studies.enrollmentTerms(STUDY)).to.deep.equal([CRITERIA + 1n, ISSUER, false]);
    await expect(f.castStudyVote(f.ethicsA, STUDY, 1, true)).to.be.revertedWithCustomError(f.studies, "StudyStaleVersion");
    await f.castStudyVote(f.ethicsA, STUDY, 2, true);
    await f.castStudyVote(f.ethicsC, STUDY, 2, true);
    expect((await f.studies.study(STUDY)).status).to.equal(Status.Approved);
    await expect((f.studies.connect(f.stranger) as typeof f.studies).amend(STUDY, PROTOCOL, TERMS, CRITERIA, ISSUER))
      .to.be.revertedWithCustomError(f.studies, "StudyNotAllowed")
      .withArgs(f.stranger.address);
  });

  it("lets the ethics board suspend and resume, and the researcher close for good", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await expect((f.studies.connect(f.ethicsC) as typeof f.studies).suspend(STUDY))
      .to.be.revertedWithCustomError(f.studies, "StudyWrongStatus")
      .withArgs(STUDY, Status.Proposed);
    await f.castStudyVote(f.ethicsA, STUDY, 1, true);
    await f.castStudyVote(f.ethicsB, STUDY, 1, true);
    await expect((f.studies.connect(f.researcher) as typeof f.studies).suspend(STUDY))
      .to.be.revertedWithCustomError(f.studies, "StudyNotAllowed")
      .withArgs(f.researcher.address);
    await expect((f.studies.connect(f.ethicsC) as typeof f.studies).suspend(STUDY))
      .to.emit(f.studies, "StudySuspended")
      .withArgs(STUDY, f.ethicsC.address);
    await expect((f.studies.connect(f.researcher) as typeof f.studies).amend(STUDY, PROTOCOL, TERMS, CRITERIA, ISSUER))
      .to.be.revertedWithCustomError(f.studies, "StudyWrongStatus")
      .withArgs(STUDY, Status.Suspended);
    await expect((f.studies.connect(f.ethicsA) as typeof f.studies).resume(STUDY))
      .to.emit(f.studies, "StudyResumed")
      .withArgs(STUDY, f.ethicsA.address);
    await expect((f.studies.connect(f.researcher) as typeof f.studies).close(STUDY))
      .to.emit(f.studies, "StudyClosed")
      .withArgs(STUDY, f.researcher.address);
    await expect((f.studies.connect(f.ethicsA) as typeof f.studies).resume(STUDY)).to.be.revertedWithCustomError(
      f.studies,
      "StudyWrongStatus",
    );
    await expect((f.studies.connect(f.researcher) as typeof f.studies).close(STUDY)).to.be.revertedWithCustomError(
      f.studies,
      "StudyWrongStatus",
    );
  });

  it("lets only the admin change the quorum, and never to zero", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    expect(await f.studies.quorum()).to.equal(2n);
    await expect((f.studies.connect(f.ethicsA) as typeof f.studies).setQuorum(1))
      .to.be.revertedWithCustomError(f.studies, "StudyNotAdmin")
      .withArgs(f.ethicsA.address);
    await expect(f.studies.setQuorum(0)).to.be.revertedWithCustomError(f.studies, "StudyBadQuorum");
    await expect(f.studies.setQuorum(3)).to.emit(f.studies, "QuorumChanged").withArgs(3);
    // The new quorum applies to versions proposed from now on.
    await (f.studies.connect(f.researcher) as typeof f.studies).amend(STUDY, PROTOCOL, ethers.id("terms v2"), CRITERIA, ISSUER);
    expect((await f.studies.study(STUDY)).quorum).to.equal(3n);
    await f.castStudyVote(f.ethicsA, STUDY, 2, true);
    await f.castStudyVote(f.ethicsB, STUDY, 2, true);
    expect((await f.studies.study(STUDY)).status).to.equal(Status.Proposed);
    await f.castStudyVote(f.ethicsC, STUDY, 2, true);
    expect((await f.studies.study(STUDY)).status).to.equal(Status.Approved);
  });

  it("decides each version with the quorum it was proposed under: lowering it mid-vote decides nothing", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await f.castStudyVote(f.ethicsA, STUDY, 1, false);
    await f.studies.setQuorum(1);
    await f.castStudyVote(f.ethicsB, STUDY, 1, true);
    const study = await f.studies.study(STUDY);
    expect([study.status, study.quorum, study.approvals, study.rejections]).to.deep.equal([Status.Proposed, 2n, 1n, 1n]);
  });

  it("counts only current ethics-board members when it decides", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    await f.castStudyVote(f.ethicsA, STUDY, 1, true);
    await f.roleRegistry.revokeRole(await f.roleRegistry.ETHICS_BOARD_ROLE(), f.ethicsA.address);
    await f.castStudyVote(f.ethicsB, STUDY, 1, true);
    let study = await f.studies.study(STUDY);
    expect([study.status, study.approvals]).to.deep.equal([Status.Proposed, 1n]);
    await f.castStudyVote(f.ethicsC, STUDY, 1, true);
    study = await f.studies.study(STUDY);
    expect([study.status, study.approvals]).to.deep.equal([Status.Approved, 2n]);
  });

  it("binds a vote to the terms the member read: a ballot over other terms is refused", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    const other = ethers.id("terms the member never saw");
    const ballot = { studyId: STUDY, version: 1, termsHash: other, approve: true };
    await expect(f.studies.vote(ballot, f.ethicsA.address, await f.signStudyVote(f.ethicsA, STUDY, 1, true, other)))
      .to.be.revertedWithCustomError(f.studies, "StudyTermsMismatch")
      .withArgs(STUDY, 1);
  });
});

describe("ReleaseRegistry", () => {
  const MANIFEST = ethers.id("manifest");
  const DATASET = ethers.id("dataset");
  const ROOT = ethers.id("nullifier root");

  async function pendingReleaseFixture() {
    const f = await proposedFixture();
    await f.castStudyVote(f.ethicsA, STUDY, 1, true);
    await f.castStudyVote(f.ethicsB, STUDY, 1, true);
    await f.releases.recordRelease(1n, STUDY, MANIFEST, DATASET, ROOT, 12, 3);
    return f;
  }

  it("records releases of approved studies only, from the relayer only, under the id the custodian chose, once", async () => {
    const f = await networkHelpers.loadFixture(proposedFixture);
    const ID = 987654321n;
    await expect(f.releases.recordRelease(ID, STUDY, MANIFEST, DATASET, ROOT, 12, 3))
      .to.be.revertedWithCustomError(f.releases, "ReleaseStudyNotApproved")
      .withArgs(STUDY);
    await f.castStudyVote(f.ethicsA, STUDY, 1, true);
    await f.castStudyVote(f.ethicsB, STUDY, 1, true);
    await expect((f.releases.connect(f.researcher) as typeof f.releases).recordRelease(ID, STUDY, MANIFEST, DATASET, ROOT, 12, 3))
      .to.be.revertedWithCustomError(f.releases, "ReleaseNotRelayer")
      .withArgs(f.researcher.address);
    await expect(f.releases.recordRelease(0n, STUDY, MANIFEST, DATASET, ROOT, 12, 3)).to.be.revertedWithCustomError(
      f.releases,
      "ReleaseBadId",
    );
    await expect(f.releases.recordRelease(ID, STUDY, MANIFEST, DATASET, ROOT, 12, 3))
      .to.emit(f.releases, "ReleaseRecorded")
      .withArgs(ID, STUDY, MANIFEST, DATASET, ROOT, 12, 3);
    // The id is chosen before the transaction, so a retry after a lost answer cannot record it twice.
    await expect(f.releases.recordRelease(ID, STUDY, MANIFEST, DATASET, ROOT, 12, 3))
      .to.be.revertedWithCustomError(f.releases, "ReleaseAlreadyRecorded")
      .withArgs(ID);
    const release = await f.releases.release(ID);
    expect([release.status, release.rowCount, release.achievedK]).to.deep.equal([1n, 12n, 3n]);
    expect(await f.releases.releaseCount()).to.equal(1n);
    expect(await f.releases.isDownloadable(ID)).to.equal(false);
    await expect(f.releases.release(2n)).to.be.revertedWithCustomError(f.releases, "ReleaseUnknown").withArgs(2n);
  });

  it("becomes downloadable after two approvals, and not while the study is suspended", async () => {
    const f = await networkHelpers.loadFixture(pendingReleaseFixture);
    await expect(f.castReleaseVote(f.ethicsB, 1n, MANIFEST, true))
      .to.emit(f.releases, "ReleaseVoted")
      .withArgs(1n, f.ethicsB.address, true);
    expect(await f.releases.isDownloadable(1n)).to.equal(false);
    await expect(f.castReleaseVote(f.ethicsC, 1n, MANIFEST, true))
      .to.emit(f.releases, "ReleaseApproved")
      .withArgs(1n);
    expect(await f.releases.isDownloadable(1n)).to.equal(true);
    await (f.studies.connect(f.ethicsA) as typeof f.studies).suspend(STUDY);
    expect(await f.releases.isDownloadable(1n)).to.equal(false);
    await (f.studies.connect(f.ethicsA) as typeof f.studies).close(STUDY);
    expect(await f.releases.isDownloadable(1n)).to.equal(true);
  });

  it("ties an approved release to the study version it was made under", async () => {
    const f = await networkHelpers.loadFixture(pendingReleaseFixture);
    await f.castReleaseVote(f.ethicsA, 1n, MANIFEST, true);
    await f.castReleaseVote(f.ethicsB, 1n, MANIFEST, true);
    expect(await f.releases.isDownloadable(1n)).to.equal(true);
    expect((await f.releases.release(1n)).studyVersion).to.equal(1n);
    await (f.studies.connect(f.researcher) as typeof f.studies).amend(STUDY, PROTOCOL, ethers.id("terms v2"), CRITERIA, ISSUER);
    await f.castStudyVote(f.ethicsA, STUDY, 2, true);
    await f.castStudyVote(f.ethicsB, STUDY, 2, true);
    expect((await f.studies.study(STUDY)).status).to.equal(Status.Approved);
    // Approved under version 1, not under the version now in force.
    expect(await f.releases.isDownloadable(1n)).to.equal(false);
  });

  it("decides a release with the quorum of its recording and current members only", async () => {
    const f = await networkHelpers.loadFixture(pendingReleaseFixture);
    await f.studies.setQuorum(1);
    await f.castReleaseVote(f.ethicsA, 1n, MANIFEST, true);
    expect((await f.releases.release(1n)).status).to.equal(1n); // still pending: recorded under quorum 2
    await f.roleRegistry.revokeRole(await f.roleRegistry.ETHICS_BOARD_ROLE(), f.ethicsA.address);
    await f.castReleaseVote(f.ethicsB, 1n, MANIFEST, true);
    expect((await f.releases.release(1n)).status).to.equal(1n); // A's approval no longer counts
    await f.castReleaseVote(f.ethicsC, 1n, MANIFEST, true);
    expect((await f.releases.release(1n)).status).to.equal(2n);
  });

  it("refuses votes on another manifest, from non-members, twice, or after the decision", async () => {
    const f = await networkHelpers.loadFixture(pendingReleaseFixture);
    await expect(f.castReleaseVote(f.ethicsA, 1n, DATASET, true))
      .to.be.revertedWithCustomError(f.releases, "ReleaseManifestMismatch")
      .withArgs(1n);
    await expect(f.castReleaseVote(f.stranger, 1n, MANIFEST, true))
      .to.be.revertedWithCustomError(f.releases, "ReleaseNotEthicsBoard")
      .withArgs(f.stranger.address);
    await f.castReleaseVote(f.ethicsA, 1n, MANIFEST, false);
    await expect(f.castReleaseVote(f.ethicsA, 1n, MANIFEST, true))
      .to.be.revertedWithCustomError(f.releases, "ReleaseAlreadyVoted")
      .withArgs(1n, f.ethicsA.address);
    await expect(f.castReleaseVote(f.ethicsB, 1n, MANIFEST, false))
      .to.emit(f.releases, "ReleaseRejected")
      .withArgs(1n);
    await expect(f.castReleaseVote(f.ethicsC, 1n, MANIFEST, true))
      .to.be.revertedWithCustomError(f.releases, "ReleaseNotPending")
      .withArgs(1n, 3n);
    expect(await f.releases.isDownloadable(1n)).to.equal(false);
  });
});
