/** Who is calling, and the vocabulary of roles and purposes of use. */

/** MedLedger roles, in RoleRegistry.allRoles() bit order. */
export const ROLES = ["admin", "patient", "doctor", "issuer", "researcher", "ethicsBoard", "insurer"] as const;
export type Role = (typeof ROLES)[number];

export function rolesFromMask(mask: bigint): Role[] {
  return ROLES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

/** HL7 v3 ActReason purposes of use that MedLedger understands. */
export const PURPOSES = {
  TREAT: "treatment",
  ETREAT: "emergency treatment",
  HPAYMT: "healthcare payment",
  HOPERAT: "healthcare operations",
  HRESCH: "healthcare research",
  PATRQT: "patient requested",
  PUBHLTH: "public health",
} as const;
export type Purpose = keyof typeof PURPOSES;

export interface Actor {
  /** Checksummed Ethereum address. */
  address: string;
  roles: ReadonlySet<Role>;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.has(role);
