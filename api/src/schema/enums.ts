import { registerEnumType } from "type-graphql";

import type { Purpose, Role } from "../domain/actors";

export enum RoleEnum {
  ADMIN = "admin",
  PATIENT = "patient",
  DOCTOR = "doctor",
  ISSUER = "issuer",
  RESEARCHER = "researcher",
  ETHICS_BOARD = "ethicsBoard",
  INSURER = "insurer",
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

export enum ChainWriteStatus {
  PENDING = "PENDING",
  CONFIRMED = "CONFIRMED",
  FAILED = "FAILED",
}
registerEnumType(ChainWriteStatus, {
  name: "ChainWriteStatus",
  description:
    "A chain write goes through the API's outbox: committed in the database first (PENDING, already in force here), then mined (CONFIRMED), or refused by the contract (FAILED, with the reason).",
  valuesConfig: {
    PENDING: { description: "committed here; waiting for the chain (retried until it answers)" },
    CONFIRMED: { description: "mined on chain" },
    FAILED: { description: "the contract refused it; see chainError" },
  },
});

export const toRole = (role: RoleEnum): Role => role as Role;
export const toPurpose = (purpose: PurposeOfUse | null | undefined): Purpose | null => (purpose ?? null) as Purpose | null;
