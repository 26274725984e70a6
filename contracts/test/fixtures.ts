/** Contract-test fixtures that deploy through the real deploy path (contracts/deploy/medledger.ts). */
import { artifacts, network } from "hardhat";

import { deployMedLedger, type Artifact, type ContractName } from "../deploy/medledger.ts";
import research from "../deploy/research-eip712.json" with { type: "json" };

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

/** The ethics board's EIP-712 vote types (contracts/deploy/research-eip712.json). */
export async function voteDomain(contract: "StudyRegistry" | "ReleaseRegistry", address: string) {
  const { chainId } = await ethers.provider.getNetwork();
  return { ...research.domains[contract], chainId, verifyingContract: address };
}

/**
 * Research roles on top of deployFixture: three ethics-board members (quorum 2 of 3) and a
 * researcher, plus helpers to sign study votes and to get a study approved.
 */
export async function researchFixture() {
  const deployed = await deployFixture();
  const signers = await ethers.getSigners();
  const [ethicsA, ethicsB, ethicsC, researcher] = signers.slice(6, 10);
  const roles = deployed.roleRegistry;
  for (const member of [ethicsA, ethicsB, ethicsC]) await roles.grantRole(await roles.ETHICS_BOARD_ROLE(), member.address);
  await roles.grantRole(await roles.RESEARCHER_ROLE(), researcher.address);
  const studies = await ethers.getContractAt("StudyRegistry", deployed.deployment.contracts.StudyRegistry.address);
  const domain = await voteDomain("StudyRegistry", await studies.getAddress());
  /** A member's signed ballot on a version's terms (by default the terms the chain holds now). */
  const signStudyVote = async (member: (typeof signers)[number], studyId: bigint, version: number, approve: boolean, termsHash?: string) =>
    member.signTypedData(
      domain,
      { StudyVote: research.types.StudyVote },
      { studyId, version, termsHash: termsHash ?? (await studies.study(studyId)).termsHash, approve },
    );
  const castStudyVote = async (member: (typeof signers)[number], studyId: bigint, version: number, approve: boolean) => {
    const { termsHash } = await studies.study(studyId);
    return studies.vote({ studyId, version, termsHash, approve }, member.address, await signStudyVote(member, studyId, version, approve));
  };
  /** Proposes `studyId` for the researcher and approves it with two of the three members. */
  const approvedStudy = async (studyId: bigint, criteriaHash: bigint, issuerKeyHash: bigint) => {
    await (studies.connect(researcher) as typeof studies).propose(
      studyId,
      researcher.address,
      ethers.id("protocol"),
      ethers.id("terms"),
      criteriaHash,
      issuerKeyHash,
    );
    await castStudyVote(ethicsA, studyId, 1, true);
    await castStudyVote(ethicsB, studyId, 1, true);
  };
  return { ...deployed, studies, ethicsA, ethicsB, ethicsC, researcher, signStudyVote, castStudyVote, approvedStudy };
}
