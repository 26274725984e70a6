import { registerEnumType } from "type-graphql";

import type { Purpose, Role } from "../domain/actors";

export enum RoleEnum {
  ADMIN = "admin",
  PATIENT = "patient",
  DOCTOR = "doctor",
  ISSUER = "issuer",
  RESEARCHER = "researcher",
  ETHICS_BOARD = "ethicsBoard",
}
registerEnumType(RoleEnum, { name: "Role", description: "MedLedger roles; the RoleRegistry contract is the source of truth." });

export enum PurposeOfUse {
  TREAT = "TREAT",
  ETREAT = "ETREAT",
  HPAYMT = "HPAYMT",
  HOPERAT = "HOPERAT",
  HRESCH = "HRESCH",
  PATRQT = "PATRQT",
  PUBHLTH = "PUBHLTH",
}
registerEnumType(PurposeOfUse, {
  name: "PurposeOfUse",
  description: "HL7 v3 ActReason purpose of use, stated with every read and recorded in the access log.",
  valuesConfig: {
    TREAT: { description: "treatment" },
    ETREAT: { description: "emergency treatment (break-glass)" },
    HPAYMT: { description: "healthcare payment" },
    HOPERAT: { description: "healthcare operations" },
    HRESCH: { description: "healthcare research" },
    PATRQT: { description: "patient requested" },
    PUBHLTH: { description: "public health" },
  },
});

export enum RecordLifecycle {
  ACTIVE = "active",
  RETRACTED = "retracted",
}
registerEnumType(RecordLifecycle, {
  name: "RecordLifecycle",
  description: "A retracted record keeps its history; its current version is a tombstone.",
});

export enum AccessDecision {
  ALLOW = "ALLOW",
  DENY = "DENY",
}
registerEnumType(AccessDecision, { name: "AccessDecision" });

export const toRole = (role: RoleEnum): Role => role as Role;
export const toPurpose = (purpose: PurposeOfUse | null | undefined): Purpose | null => (purpose ?? null) as Purpose | null;
