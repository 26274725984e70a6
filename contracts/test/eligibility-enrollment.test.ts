import path from "node:path";

import { buildEddsa, buildPoseidon } from "circomlibjs";
import { expect } from "chai";
import * as snarkjs from "snarkjs";

import {
  ageWindow,
  credentialMessage,
  dateOfDayNumber,
  dayNumber,
  ELIGIBILITY_PUBLIC_SIGNALS,
  eligibilityInput,
  encodeCondition,
  issuerKeyHash,
  regionOfZip,
  sexMask,
  SEX_CODES,
  WITHDRAW_ACTION,
  type Credential,
  type EncodedCriteria,
  type PoseidonHash,
} from "../../api/src/zk/eligibility-encoding.ts";
import { provingKey } from "../../api/src/zk/circuit-artifacts.ts";
import { deployFixture, ethers, networkHelpers, researchFixture } from "./fixtures.ts";

const ARTIFACTS = path.resolve(import.meta.dirname, "..", "..", "circuits", "artifacts", "eligibility");
const STUDY = 42n;
const SECRET = 1234567890123456789n;

type Calldata = [[bigint, bigint], [[bigint, bigint], [bigint, bigint]], [bigint, bigint], bigint[]];

interface Material {
  calldata: Calldata;
  criteriaHash: bigint;
  issuerHash: bigint;
}

/** A real credential and proof for STUDY, dated the chain's current day. */
async function prove(proofDate: number): Promise<Material> {
  const built = await buildPoseidon();
  const poseidon: PoseidonHash = (inputs) => built.F.toObject(built(inputs));
  const eddsa = await buildEddsa();
  const issuerKey = Buffer.from("03".repeat(32), "hex");
  const today = dateOfDayNumber(proofDate).toISOString().slice(0, 10);
  const criteria: EncodedCriteria = {
    ...ageWindow(18, 99, today),
    sexMask: sexMask(["female", "male", "other", "unknown"]),
    regions: [regionOfZip("02115")],
    required: [encodeCondition("http://snomed.info/sct", "195967001")],
    excluded: [],
  };
  const attributes = {
    birthDays: dayNumber("1980-01-01"),
    sex: SEX_CODES.male,
    region: regionOfZip("02115"),
    conditions: [encodeCondition("http://snomed.info/sct", "195967001")],
    issuedDays: proofDate - 10,
    expiresDays: proofDate + 365,
    commitment: poseidon([SECRET]),
  };
  const pub = eddsa.prv2pub(issuerKey);
  const signature = eddsa.signPoseidon(issuerKey, eddsa.F.e(credentialMessage(poseidon, attributes)));
  const credential: Credential = {
    ...attributes,
    issuerPublicKey: [eddsa.F.toObject(pub[0]), eddsa.F.toObject(pub[1])],
    signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
  };
  const input = eligibilityInput(poseidon, credential, SECRET, criteria, STUDY, proofDate);
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(
    input,
    path.join(ARTIFACTS, "eligibility.wasm"),
    provingKey(path.dirname(ARTIFACTS), "eligibility"),
  );
  const raw = await snarkjs.groth16.exportSolidityCallData(proof, publicSignals);
  const calldata = JSON.parse(`[${raw}]`, (_key, value) => (typeof value === "string" ? BigInt(value) : value)) as Calldata;
  return { calldata, criteriaHash: input.criteriaHash as bigint, issuerHash: issuerKeyHash(poseidon, credential.issuerPublicKey) };
}

let material: Material;
type Fixture = Awaited<ReturnType<typeof enrollmentFixture>>;

async function enrollmentFixture() {
  const base = await researchFixture();
  const { contracts } = base.deployment;
  const enrollment = await ethers.getContractAt("EligibilityEnrollment", contracts.EligibilityEnrollment.address);
  const issuers = await ethers.getContractAt("TrustedIssuerRegistry", contracts.TrustedIssuerRegistry.address);
  const [, , , , , issuerAccount] = await ethers.getSigners();
  await issuers.addIssuer(material.issuerHash, issuerAccount.address);
  await base.approvedStudy(STUDY, material.criteriaHash, material.issuerHash);
  return { ...base, enrollment, issuers };
}

describe("EligibilityEnrollment", () => {
  before(async () => {
    const { deployment } = await networkHelpers.loadFixture(deployFixture);
    const enrollment = await ethers.getContractAt("EligibilityEnrollment", deployment.contracts.EligibilityEnrollment.address);
    material = await prove(Number(await enrollment.today()));
  });
  after(async () => {
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  });

  it("reads public signals in the order of the TypeScript encoding", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    const positions = {
      nullifier: await enrollment.SIGNAL_NULLIFIER(),
      criteriaHash: await enrollment.SIGNAL_CRITERIA_HASH(),
      issuerKeyHash: await enrollment.SIGNAL_ISSUER_KEY_HASH(),
      studyId: await enrollment.SIGNAL_STUDY_ID(),
      proofDate: await enrollment.SIGNAL_PROOF_DATE(),
    };
    for (const [name, index] of Object.entries(positions))
      expect(Number(index)).to.equal(ELIGIBILITY_PUBLIC_SIGNALS.indexOf(name as never));
    expect(await enrollment.today()).to.equal(
      BigInt(dayNumber(new Date(Number((await ethers.provider.getBlock("latest"))!.timestamp) * 1000))),
    );
  });

  it("enrolls a real proof once, emits Enrolled, and reports its gas", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    const tx = await enrollment.enroll(STUDY, a, b, c, signals);
    await expect(tx).to.emit(enrollment, "Enrolled").withArgs(STUDY, signals[0]);
    const receipt = await tx.wait();
    console.log(`      enroll gas: ${receipt!.gasUsed}`);
    expect(receipt!.gasUsed).to.be.lessThan(400_000n);
    expect(await enrollment.isEnrolled(STUDY, signals[0])).to.equal(true);
    await expect(enrollment.enroll(STUDY, a, b, c, signals))
      .to.be.revertedWithCustomError(enrollment, "EnrollmentNullifierUsed")
      .withArgs(STUDY, signals[0]);
  });

  it("refuses a tampered proof", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    await expect(enrollment.enroll(STUDY, a, b, [c[0], c[1] + 1n], signals)).to.be.revertedWithCustomError(
      enrollment,
      "EnrollmentInvalidProof",
    );
    const otherNullifier = [signals[0] + 1n, ...signals.slice(1)];
    await expect(enrollment.enroll(STUDY, a, b, c, otherNullifier)).to.be.revertedWithCustomError(enrollment, "EnrollmentInvalidProof");
  });

  it("refuses signals for another study, other criteria or another issuer", async () => {
    const { enrollment, approvedStudy } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    await approvedStudy(STUDY + 1n, material.criteriaHash, material.issuerHash);
    await expect(enrollment.enroll(STUDY + 1n, a, b, c, signals))
      .to.be.revertedWithCustomError(enrollment, "EnrollmentWrongStudy")
      .withArgs(STUDY + 1n, STUDY);
    const looser = [...signals];
    looser[1] += 1n;
    await expect(enrollment.enroll(STUDY, a, b, c, looser))
      .to.be.revertedWithCustomError(enrollment, "EnrollmentCriteriaMismatch")
      .withArgs(STUDY);
    const forged = [...signals];
    forged[2] += 1n;
    await expect(enrollment.enroll(STUDY, a, b, c, forged))
      .to.be.revertedWithCustomError(enrollment, "EnrollmentIssuerMismatch")
      .withArgs(STUDY);
  });

  it("refuses proofs once the issuer is no longer trusted", async () => {
    const { enrollment, issuers } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    await issuers.removeIssuer(material.issuerHash);
    await expect(enrollment.enroll(STUDY, a, b, c, signals))
      .to.be.revertedWithCustomError(enrollment, "EnrollmentIssuerNotTrusted")
      .withArgs(material.issuerHash);
  });

  for (const [step, act] of [
    ["suspended", (f: Fixture) => (f.studies.connect(f.ethicsC) as typeof f.studies).suspend(STUDY)],
    ["closed", (f: Fixture) => (f.studies.connect(f.researcher) as typeof f.studies).close(STUDY)],
    [
      "amended and not yet re-approved",
      (f: Fixture) =>
        (f.studies.connect(f.researcher) as typeof f.studies).amend(
          STUDY,
          ethers.id("p2"),
          ethers.id("t2"),
          material.criteriaHash,
          material.issuerHash,
        ),
    ],
  ] as const) {
    it(`refuses enrollment while the study is ${step}`, async () => {
      const fixture = await networkHelpers.loadFixture(enrollmentFixture);
      const [a, b, c, signals] = material.calldata;
      await act(fixture);
      await expect(fixture.enrollment.enroll(STUDY, a, b, c, signals))
        .to.be.revertedWithCustomError(fixture.enrollment, "EnrollmentStudyNotOpen")
        .withArgs(STUDY);
    });
  }

  it("refuses enrollment in a study that is only proposed or was rejected", async () => {
    const { enrollment, studies, researcher, castStudyVote, ethicsA, ethicsB } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    const other = STUDY + 7n;
    await (studies.connect(researcher) as typeof studies).propose(other, researcher.address, ethers.id("p"), ethers.id("t"), 1n, 1n);
    await expect(enrollment.enroll(other, a, b, c, signals)).to.be.revertedWithCustomError(enrollment, "EnrollmentStudyNotOpen");
    await castStudyVote(ethicsA, other, 1, false);
    await castStudyVote(ethicsB, other, 1, false);
    expect((await studies.study(other)).status).to.equal(3n); // Rejected
    await expect(enrollment.enroll(other, a, b, c, signals)).to.be.revertedWithCustomError(enrollment, "EnrollmentStudyNotOpen");
  });

  it("refuses a proof dated more than a day away from the chain's day", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    await networkHelpers.time.increase(2 * 86_400);
    await expect(enrollment.enroll(STUDY, a, b, c, signals)).to.be.revertedWithCustomError(enrollment, "EnrollmentStaleProofDate");
  });

  it("lets only admins manage issuers", async () => {
    const { issuers, stranger } = await networkHelpers.loadFixture(enrollmentFixture);
    await expect((issuers.connect(stranger) as typeof issuers).addIssuer(1n, stranger.address))
      .to.be.revertedWithCustomError(issuers, "IssuerRegistryNotAdmin")
      .withArgs(stranger.address);
    await expect(issuers.addIssuer(material.issuerHash, stranger.address)).to.be.revertedWithCustomError(
      issuers,
      "IssuerRegistryAlreadyTrusted",
    );
  });
});

describe("EligibilityEnrollment withdrawal", () => {
  before(async () => {
    if (!material) {
      const { deployment } = await networkHelpers.loadFixture(deployFixture);
      const enrollment = await ethers.getContractAt("EligibilityEnrollment", deployment.contracts.EligibilityEnrollment.address);
      material = await prove(Number(await enrollment.today()));
    }
  });

  async function withdrawalProof(action: bigint): Promise<Calldata> {
    const ownership = path.resolve(import.meta.dirname, "..", "..", "circuits", "artifacts", "nullifier-ownership");
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(
      { secret: SECRET, scope: STUDY, action },
      path.join(ownership, "nullifier-ownership.wasm"),
      provingKey(path.dirname(ownership), "nullifier-ownership"),
    );
    const raw = await snarkjs.groth16.exportSolidityCallData(proof, publicSignals);
    return JSON.parse(`[${raw}]`, (_key, value) => (typeof value === "string" ? BigInt(value) : value)) as Calldata;
  }

  it("uses the WITHDRAW_ACTION of the TypeScript encoding", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    expect(await enrollment.WITHDRAW_ACTION()).to.equal(WITHDRAW_ACTION);
  });

  it("withdraws an enrolled participant with a proof of the same secret, once", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    const [a, b, c, signals] = material.calldata;
    await enrollment.enroll(STUDY, a, b, c, signals);
    const [wa, wb, wc, ws] = await withdrawalProof(WITHDRAW_ACTION);
    expect(ws[0]).to.equal(signals[0]); // the same pseudonym
    await expect(enrollment.withdraw(STUDY, wa, wb, wc, ws))
      .to.emit(enrollment, "Withdrawn")
      .withArgs(STUDY, ws[0]);
    expect(await enrollment.isEnrolled(STUDY, ws[0])).to.equal(false);
    expect(await enrollment.isWithdrawn(STUDY, ws[0])).to.equal(true);
    await expect(enrollment.withdraw(STUDY, wa, wb, wc, ws)).to.be.revertedWithCustomError(enrollment, "EnrollmentNotEnrolled");
    await expect(enrollment.enroll(STUDY, a, b, c, signals)).to.be.revertedWithCustomError(enrollment, "EnrollmentNullifierUsed");
  });

  it("refuses withdrawals bound to another action, for someone not enrolled, or with a tampered proof", async () => {
    const { enrollment } = await networkHelpers.loadFixture(enrollmentFixture);
    const [wa, wb, wc, ws] = await withdrawalProof(WITHDRAW_ACTION);
    await expect(enrollment.withdraw(STUDY, wa, wb, wc, ws)).to.be.revertedWithCustomError(enrollment, "EnrollmentNotEnrolled");
    const [a, b, c, signals] = material.calldata;
    await enrollment.enroll(STUDY, a, b, c, signals);
    const [oa, ob, oc, os] = await withdrawalProof(WITHDRAW_ACTION + 1n);
    await expect(enrollment.withdraw(STUDY, oa, ob, oc, os)).to.be.revertedWithCustomError(enrollment, "EnrollmentWrongAction");
    await expect(enrollment.withdraw(STUDY, wa, wb, [wc[0], wc[1] + 1n], ws)).to.be.revertedWithCustomError(
      enrollment,
      "EnrollmentInvalidProof",
    );
  });
});
