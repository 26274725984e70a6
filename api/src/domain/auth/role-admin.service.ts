/**
 * Role administration and the trusted credential issuers: only admins, every attempt in the
 * access log, the chain decides.
 */
import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor, type Role } from "../actors";
import { badInput, forbidden, unauthenticated } from "../errors";
import type { ChainOutbox } from "../outbox/chain-outbox";
import type { AccountRecord, AuthService } from "./auth.service";

/** The outbox intent that gives an account linked to a patient record the patient role on chain. */
export const ROLE_PATIENT = "role.patient";

export interface RoleWriter {
  setRole(address: string, role: Role, granted: boolean): Promise<string>;
  /** The transaction that granted `role` to an account that holds it now, or null. */
  roleGrantTx(address: string, role: Role): Promise<string | null>;
  /** The EIP-55 form of an address (throws BAD_USER_INPUT for a malformed one). */
  checksum(address: string): string;
}

export interface IssuerRegistryWriter {
  setIssuerTrust(keyHash: string, issuer: string, trusted: boolean): Promise<string>;
  isTrustedIssuer(keyHash: string): Promise<boolean>;
}

export class RoleAdminService {
  constructor(
    private readonly chain: RoleWriter & IssuerRegistryWriter,
    private readonly auth: AuthService,
    private readonly accessLog: AccessLog,
    outbox: ChainOutbox,
  ) {
    type Link = { address: string };
    outbox.register(ROLE_PATIENT, {
      landed: (p) => this.chain.roleGrantTx((p as Link).address, "patient"),
      send: (p) => this.chain.setRole((p as Link).address, "patient", true),
      confirmed: async (p) => {
        await this.auth.refreshRoles((p as Link).address);
      },
      failed: async () => undefined,
    });
  }

  async setRole(actor: Actor | null, rawAddress: string, role: Role, granted: boolean): Promise<AccountRecord> {
    const address = this.chain.checksum(rawAddress);
    const allowed = !!actor && hasRole(actor, "admin");
    await this.accessLog.record({
      actor: actor?.address ?? null,
      patientId: null,
      recordId: null,
      action: granted ? "role.grant" : "role.revoke",
      purpose: null,
      decision: allowed ? "ALLOW" : "DENY",
      reason: allowed ? `${role} for ${address}` : actor ? "only admins change roles" : "unauthenticated",
    });
    if (!actor) throw unauthenticated();
    if (!allowed) throw forbidden("only admins change roles");
    await this.chain.setRole(address, role, granted);
    return this.auth.refreshRoles(address);
  }

  /** Whether the chain trusts this issuer key hash (public). */
  isTrustedIssuer(keyHash: string): Promise<boolean> {
    return this.chain.isTrustedIssuer(keyHash);
  }

  /**
   * Trusts (or stops trusting) a credential issuer in TrustedIssuerRegistry: `keyHash` is the
   * Poseidon hash of its BabyJubJub key (`issuer { keyHash }`), `issuerAddress` its account.
   */
  async setIssuerTrust(actor: Actor | null, keyHash: string, issuerAddress: string | null, trusted: boolean): Promise<boolean> {
    const allowed = !!actor && hasRole(actor, "admin");
    await this.accessLog.record({
      actor: actor?.address ?? null,
      patientId: null,
      recordId: null,
      action: trusted ? "issuer.trust" : "issuer.untrust",
      purpose: null,
      decision: allowed ? "ALLOW" : "DENY",
      reason: allowed ? `issuer key hash ${keyHash.slice(0, 16)}…` : actor ? "only admins manage trusted issuers" : "unauthenticated",
    });
    if (!actor) throw unauthenticated();
    if (!allowed) throw forbidden("only admins manage trusted issuers");
    if (!/^\d{1,78}$/.test(keyHash) || BigInt(keyHash) === 0n)
      throw badInput("keyHash must be the decimal Poseidon hash of the issuer's key");
    const address = trusted ? this.chain.checksum(issuerAddress ?? "") : "";
    await this.chain.setIssuerTrust(keyHash, address, trusted);
    return this.chain.isTrustedIssuer(keyHash);
  }
}
