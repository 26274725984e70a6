/** Contract-test fixtures that deploy through the real deploy path (contracts/deploy/medledger.ts). */
import { artifacts, network } from "hardhat";

import { deployMedLedger, type Artifact, type ContractName } from "../deploy/medledger.ts";

export const connection = await network.create();
export const { ethers, networkHelpers } = connection;

export async function deployFixture() {
  const [admin, doctor, patient, stranger] = await ethers.getSigners();
  const deployment = await deployMedLedger(
    admin,
    async (name: ContractName) => (await artifacts.readArtifact(name)) as unknown as Artifact,
  );
  const roleRegistry = await ethers.getContractAt("RoleRegistry", deployment.contracts.RoleRegistry.address);
  const verifier = await ethers.getContractAt("NullifierOwnershipVerifier", deployment.contracts.NullifierOwnershipVerifier.address);
  return { deployment, roleRegistry, verifier, admin, doctor, patient, stranger };
}
