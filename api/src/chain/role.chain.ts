/** RoleRegistry and TrustedIssuerRegistry writes: roles, issuer trust, and the role changes the chain sync applies. */
import { getAddress } from "ethers";

import { rolesFromMask, type Role } from "../domain/actors";
import type { RoleSource } from "../domain/auth/auth.service";
import type { IssuerRegistryWriter, RoleWriter } from "../domain/auth/role-admin.service";
import type { DomainErrorCode } from "../domain/errors";

import { ChainFamily } from "./chain-connection";

/** RoleRegistry role constant names (admin is OpenZeppelin's DEFAULT_ADMIN_ROLE = 0x00). */
const ROLE_NAMES: Record<Role, string> = {
  admin: "",
  patient: "PATIENT_ROLE",
  doctor: "DOCTOR_ROLE",
  issuer: "ISSUER_ROLE",
  researcher: "RESEARCHER_ROLE",
  ethicsBoard: "ETHICS_BOARD_ROLE",
  insurer: "INSURER_ROLE",
};

/** How TrustedIssuerRegistry's custom errors reach API callers. */
const ISSUER_ERRORS: Record<string, [DomainErrorCode, string]> = {
  IssuerRegistryNotAdmin: ["FORBIDDEN", "the API's relayer is not an admin on chain: trust the issuer from an admin account"],
  IssuerRegistryAlreadyTrusted: ["CONFLICT", "this issuer is already trusted"],
  IssuerRegistryUnknown: ["NOT_FOUND", "Trusted issuer not found on chain"],
};

export class RoleChainAdapter extends ChainFamily implements RoleSource, RoleWriter, IssuerRegistryWriter {
  async rolesOf(address: string): Promise<Role[]> {
    return rolesFromMask(BigInt(await this.contract("RoleRegistry").roleMask(getAddress(address))));
  }

  /** Grants or revokes a role on chain through the relayer (which must hold the admin role). */
  async setRole(address: string, role: Role, granted: boolean): Promise<string> {
    const roleId = ROLE_NAMES[role] ? await this.contract("RoleRegistry")[ROLE_NAMES[role]]() : "0x" + "00".repeat(32);
    const receipt = await this.relay(
      (registry) => (granted ? registry.grantRole(roleId, getAddress(address)) : registry.revokeRole(roleId, getAddress(address))),
      "RoleRegistry",
      {},
    );
    return receipt.hash;
  }

  async roleGrantTx(address: string, role: Role): Promise<string | null> {
    const registry = this.contract("RoleRegistry");
    const roleId = ROLE_NAMES[role] ? await registry[ROLE_NAMES[role]]() : "0x" + "00".repeat(32);
    if (!(await registry.hasRole(roleId, getAddress(address)))) return null;
    return this.findEvent("RoleRegistry", (c) => c.filters.RoleGranted(roleId, getAddress(address)));
  }

  async setIssuerTrust(keyHash: string, issuer: string, trusted: boolean): Promise<string> {
    const receipt = await this.relay(
      (registry) => (trusted ? registry.addIssuer(BigInt(keyHash), issuer) : registry.removeIssuer(BigInt(keyHash))),
      "TrustedIssuerRegistry",
      ISSUER_ERRORS,
    );
    return receipt.hash;
  }

  async isTrustedIssuer(issuerKeyHash: string): Promise<boolean> {
    return Boolean(await this.contract("TrustedIssuerRegistry").isTrusted(BigInt(issuerKeyHash)));
  }

  async roleChanges(fromBlock: number, toBlock: number): Promise<string[]> {
    const registry = this.contract("RoleRegistry");
    const granted = await registry.queryFilter(registry.filters.RoleGranted(), fromBlock, toBlock);
    const revoked = await registry.queryFilter(registry.filters.RoleRevoked(), fromBlock, toBlock);
    return [...granted, ...revoked].map((event) => getAddress(String((event as unknown as { args: { account: string } }).args.account)));
  }
}
