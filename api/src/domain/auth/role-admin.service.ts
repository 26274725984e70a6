/** Role administration: only admins, every attempt in the access log, the chain decides. */
import type { AccessLog } from "../access/access-log";
import { hasRole, type Actor, type Role } from "../actors";
import { forbidden, unauthenticated } from "../errors";
import type { AccountRecord, AuthService } from "./auth.service";

export interface RoleWriter {
  setRole(address: string, role: Role, granted: boolean): Promise<string>;
  /** The EIP-55 form of an address (throws BAD_USER_INPUT for a malformed one). */
  checksum(address: string): string;
}

export class RoleAdminService {
  constructor(
    private readonly chain: RoleWriter,
    private readonly auth: AuthService,
    private readonly accessLog: AccessLog,
  ) {}

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
}
