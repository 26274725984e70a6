import { expect } from "chai";

import { deployFixture, ethers, networkHelpers } from "./fixtures.ts";

describe("RoleRegistry", () => {
  it("makes the deployer the admin and nobody else", async () => {
    const { roleRegistry, admin, stranger } = await networkHelpers.loadFixture(deployFixture);
    expect(await roleRegistry.hasRole(ethers.ZeroHash, admin.address)).to.equal(true);
    expect(await roleRegistry.roleMask(admin.address)).to.equal(1n);
    expect(await roleRegistry.roleMask(stranger.address)).to.equal(0n);
  });

  it("lets the admin grant and revoke a role, emitting RoleGranted and RoleRevoked", async () => {
    const { roleRegistry, admin, doctor } = await networkHelpers.loadFixture(deployFixture);
    const DOCTOR = await roleRegistry.DOCTOR_ROLE();
    await expect(roleRegistry.grantRole(DOCTOR, doctor.address))
      .to.emit(roleRegistry, "RoleGranted")
      .withArgs(DOCTOR, doctor.address, admin.address);
    expect(await roleRegistry.roleMask(doctor.address)).to.equal(1n << 2n);
    await expect(roleRegistry.revokeRole(DOCTOR, doctor.address))
      .to.emit(roleRegistry, "RoleRevoked")
      .withArgs(DOCTOR, doctor.address, admin.address);
    expect(await roleRegistry.roleMask(doctor.address)).to.equal(0n);
  });

  it("defines the insurer role as bit 6, after the ethics board", async () => {
    const { roleRegistry, doctor } = await networkHelpers.loadFixture(deployFixture);
    const roles = await roleRegistry.allRoles();
    expect(roles).to.have.length(7);
    expect(roles[6]).to.equal(await roleRegistry.INSURER_ROLE());
    await roleRegistry.grantRole(roles[6], doctor.address);
    expect(await roleRegistry.roleMask(doctor.address)).to.equal(1n << 6n);
  });

  it("reports every role an account holds in one mask, in allRoles order", async () => {
    const { roleRegistry, patient } = await networkHelpers.loadFixture(deployFixture);
    const roles = await roleRegistry.allRoles();
    await roleRegistry.grantRole(roles[1], patient.address);
    await roleRegistry.grantRole(roles[5], patient.address);
    expect(await roleRegistry.roleMask(patient.address)).to.equal((1n << 1n) | (1n << 5n));
  });

  it("refuses grants from accounts that are not admin", async () => {
    const { roleRegistry, doctor, stranger } = await networkHelpers.loadFixture(deployFixture);
    const DOCTOR = await roleRegistry.DOCTOR_ROLE();
    await expect((roleRegistry.connect(stranger) as typeof roleRegistry).grantRole(DOCTOR, doctor.address))
      .to.be.revertedWithCustomError(roleRegistry, "AccessControlUnauthorizedAccount")
      .withArgs(stranger.address, ethers.ZeroHash);
  });

  it("refuses roles MedLedger does not define", async () => {
    const { roleRegistry, doctor } = await networkHelpers.loadFixture(deployFixture);
    const unknown = ethers.id("SUPERUSER_ROLE");
    await expect(roleRegistry.grantRole(unknown, doctor.address))
      .to.be.revertedWithCustomError(roleRegistry, "RoleRegistryUnknownRole")
      .withArgs(unknown);
  });
});
