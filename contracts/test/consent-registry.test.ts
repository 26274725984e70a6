import { expect } from "chai";
import { TypedDataEncoder, encodeBytes32String } from "ethers";

import eip712 from "../deploy/consent-eip712.json" with { type: "json" };
import { deployFixture, ethers, networkHelpers } from "./fixtures.ts";

async function consentFixture() {
  const base = await deployFixture();
  const consents = await ethers.getContractAt("ConsentRegistry", base.deployment.contracts.ConsentRegistry.address);
  const { chainId } = await ethers.provider.getNetwork();
  const domain = { ...eip712.domain, chainId, verifyingContract: await consents.getAddress() };
  const now = await networkHelpers.time.latest();
  const consent = {
    patient: base.patient.address,
    grantee: base.doctor.address,
    scopeHash: ethers.id("Condition,Observation"),
    purpose: encodeBytes32String("TREAT"),
    expiresAt: BigInt(now + 3600),
    nonce: 1n,
  };
  const signature = await base.patient.signTypedData(domain, { Consent: eip712.types.Consent }, consent);
  const id = TypedDataEncoder.hash(domain, { Consent: eip712.types.Consent }, consent);
  const revocation = async (deadline: bigint, signer = base.patient) =>
    signer.signTypedData(domain, { Revocation: eip712.types.Revocation }, { consentId: id, deadline });
  return { ...base, consents, domain, consent, signature, id, revocation, now };
}

describe("ConsentRegistry", () => {
  it("uses the EIP-712 types of contracts/deploy/consent-eip712.json", async () => {
    const { consents } = await networkHelpers.loadFixture(consentFixture);
    expect(await consents.CONSENT_TYPEHASH()).to.equal(
      ethers.id(TypedDataEncoder.from({ Consent: eip712.types.Consent }).encodeType("Consent")),
    );
    expect(await consents.REVOCATION_TYPEHASH()).to.equal(
      ethers.id(TypedDataEncoder.from({ Revocation: eip712.types.Revocation }).encodeType("Revocation")),
    );
  });

  it("records a patient-signed consent relayed by anyone, and emits ConsentGranted", async () => {
    const { consents, consent, signature, id, stranger } = await networkHelpers.loadFixture(consentFixture);
    await expect((consents.connect(stranger) as typeof consents).grantConsent(consent, signature))
      .to.emit(consents, "ConsentGranted")
      .withArgs(id, consent.patient, consent.grantee, consent.purpose, consent.scopeHash, consent.expiresAt);
    expect(await consents.isActive(id)).to.equal(true);
  });

  it("refuses a consent signed by someone other than the patient", async () => {
    const { consents, consent, domain, doctor } = await networkHelpers.loadFixture(consentFixture);
    const forged = await doctor.signTypedData(domain, { Consent: eip712.types.Consent }, consent);
    await expect(consents.grantConsent(consent, forged))
      .to.be.revertedWithCustomError(consents, "ConsentBadSignature")
      .withArgs(consent.patient);
  });

  it("refuses a changed consent (the signature covers every field)", async () => {
    const { consents, consent, signature } = await networkHelpers.loadFixture(consentFixture);
    await expect(consents.grantConsent({ ...consent, scopeHash: ethers.id("everything") }, signature)).to.be.revertedWithCustomError(
      consents,
      "ConsentBadSignature",
    );
  });

  it("refuses an expired consent and a replayed one", async () => {
    const { consents, consent, signature, id, domain, patient, now } = await networkHelpers.loadFixture(consentFixture);
    await consents.grantConsent(consent, signature);
    await expect(consents.grantConsent(consent, signature)).to.be.revertedWithCustomError(consents, "ConsentAlreadyGranted").withArgs(id);
    const stale = { ...consent, expiresAt: BigInt(now - 1), nonce: 2n };
    const staleSignature = await patient.signTypedData(domain, { Consent: eip712.types.Consent }, stale);
    await expect(consents.grantConsent(stale, staleSignature))
      .to.be.revertedWithCustomError(consents, "ConsentExpired")
      .withArgs(stale.expiresAt);
  });

  it("lets the consent lapse at expiresAt", async () => {
    const { consents, consent, signature, id } = await networkHelpers.loadFixture(consentFixture);
    await consents.grantConsent(consent, signature);
    await networkHelpers.time.increaseTo(consent.expiresAt);
    expect(await consents.isActive(id)).to.equal(false);
  });

  it("revokes with the patient's signed revocation, once", async () => {
    const { consents, consent, signature, id, revocation, now } = await networkHelpers.loadFixture(consentFixture);
    await consents.grantConsent(consent, signature);
    const deadline = BigInt(now + 600);
    await expect(consents.revokeConsent(id, deadline, await revocation(deadline)))
      .to.emit(consents, "ConsentRevoked")
      .withArgs(id, consent.patient);
    expect(await consents.isActive(id)).to.equal(false);
    await expect(consents.revokeConsent(id, deadline, await revocation(deadline)))
      .to.be.revertedWithCustomError(consents, "ConsentAlreadyRevoked")
      .withArgs(id);
  });

  it("refuses revocations by others, after their deadline, or of unknown consents", async () => {
    const { consents, consent, signature, id, revocation, doctor, now } = await networkHelpers.loadFixture(consentFixture);
    const deadline = BigInt(now + 600);
    await expect(consents.revokeConsent(id, deadline, await revocation(deadline)))
      .to.be.revertedWithCustomError(consents, "ConsentUnknown")
      .withArgs(id);
    await consents.grantConsent(consent, signature);
    await expect(consents.revokeConsent(id, deadline, await revocation(deadline, doctor))).to.be.revertedWithCustomError(
      consents,
      "ConsentBadSignature",
    );
    const past = BigInt(now - 10);
    await expect(consents.revokeConsent(id, past, await revocation(past)))
      .to.be.revertedWithCustomError(consents, "ConsentRevocationExpired")
      .withArgs(past);
  });

  it("records break-glass events from the relayer only", async () => {
    const { consents, admin, doctor, stranger } = await networkHelpers.loadFixture(consentFixture);
    const ref = ethers.id("patient");
    const reason = ethers.id("unconscious, allergies unknown");
    await expect((consents.connect(admin) as typeof consents).recordEmergencyAccess(ref, doctor.address, reason, 123n))
      .to.emit(consents, "EmergencyAccessRecorded")
      .withArgs(ref, doctor.address, reason, 123n);
    await expect((consents.connect(stranger) as typeof consents).recordEmergencyAccess(ref, doctor.address, reason, 123n))
      .to.be.revertedWithCustomError(consents, "ConsentNotRelayer")
      .withArgs(stranger.address);
  });
});
