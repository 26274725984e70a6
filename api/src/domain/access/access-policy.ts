/**
 * THE access decision. Every read and write of clinical data (resolvers, exports, and later
 * research code) asks `decide`; nothing else grants access. Pure: same inputs, same answer.
 *
 * Inputs: the caller's roles, their relationship to the patient (is it them; did they author
 * the record), the patient's active consents for this caller and purpose, active break-glass
 * grants, and the time.
 */
import { EMERGENCY_TYPES } from "../records/fhir";
import { hasRole, type Actor, type Purpose } from "../actors";

export type ClinicalAction =
  | "record.read"
  | "record.list"
  | "record.history"
  | "record.verify"
  | "patient.export"
  | "accessLog.read"
  | "record.create"
  | "record.amend"
  | "record.retract"
  | "patient.register"
  | "bundle.import";

const WRITES: ReadonlySet<ClinicalAction> = new Set([
  "record.create",
  "record.amend",
  "record.retract",
  "patient.register",
  "bundle.import",
]);

export interface PatientRef {
  id: string;
  /** The patient's own account, when they have one. */
  accountAddress: string | null;
}

export interface RecordRef {
  id: string;
  resourceType: string;
  author: string;
}

/** A consent as mirrored from the chain: who may see which part of whose data, why, until when. */
export interface ActiveConsent {
  id: string;
  patientId: string;
  grantee: string;
  resourceTypes: readonly string[];
  recordIds: readonly string[];
  purpose: Purpose;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface BreakGlassGrant {
  patientId: string;
  doctor: string;
  expiresAt: Date;
}

export interface AccessRequest {
  action: ClinicalAction;
  patient: PatientRef;
  /** Present for actions on one record. */
  record?: RecordRef;
  purpose: Purpose | null;
  at: Date;
}

export interface AccessFacts {
  consents: readonly ActiveConsent[];
  breakGlass: readonly BreakGlassGrant[];
  /** Doctors who authored records of this patient: a treatment relationship. */
  authors: readonly string[];
}

/** What part of the patient's data the caller may see. */
export interface Scope {
  all: boolean;
  authoredBy: string | null;
  resourceTypes: ReadonlySet<string>;
  recordIds: ReadonlySet<string>;
}

export type Decision = { allow: true; reason: string; scope: Scope } | { allow: false; reason: string };

const ALL: Scope = { all: true, authoredBy: null, resourceTypes: new Set(), recordIds: new Set() };
const deny = (reason: string): Decision => ({ allow: false, reason });
const same = (a: string | null, b: string | null): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function covers(scope: Scope, record: RecordRef): boolean {
  return (
    scope.all || same(scope.authoredBy, record.author) || scope.resourceTypes.has(record.resourceType) || scope.recordIds.has(record.id)
  );
}

function isEmpty(scope: Scope): boolean {
  return !scope.all && !scope.authoredBy && scope.resourceTypes.size === 0 && scope.recordIds.size === 0;
}

/** What the patient's active consents to the caller, for the request's purpose, let them see. */
function consentScope(
  actor: Actor,
  request: AccessRequest,
  facts: AccessFacts,
): { types: Set<string>; ids: Set<string>; reasons: string[] } {
  const types = new Set<string>();
  const ids = new Set<string>();
  const reasons: string[] = [];
  for (const consent of facts.consents) {
    const active = consent.revokedAt === null && consent.expiresAt > request.at;
    if (!active || consent.patientId !== request.patient.id || !same(consent.grantee, actor.address) || consent.purpose !== request.purpose)
      continue;
    consent.resourceTypes.forEach((type) => types.add(type));
    consent.recordIds.forEach((id) => ids.add(id));
    reasons.push(`consent ${consent.id}`);
  }
  return { types, ids, reasons };
}

function doctorReadScope(actor: Actor, request: AccessRequest, facts: AccessFacts): { scope: Scope; reasons: string[] } {
  let authoredBy: string | null = null;
  const authored: string[] = [];
  if ((request.purpose === "TREAT" || request.purpose === "ETREAT") && facts.authors.some((author) => same(author, actor.address))) {
    authoredBy = actor.address;
    authored.push("treating author");
  }
  const { types, ids, reasons: consented } = consentScope(actor, request, facts);
  const reasons = [...authored, ...consented];
  if (request.purpose === "ETREAT") {
    const glass = facts.breakGlass.find(
      (g) => g.patientId === request.patient.id && same(g.doctor, actor.address) && g.expiresAt > request.at,
    );
    if (glass) {
      EMERGENCY_TYPES.forEach((type) => types.add(type));
      reasons.push("break-glass");
    }
  }
  return { scope: { all: false, authoredBy, resourceTypes: types, recordIds: ids }, reasons };
}

/**
 * Writes need a treatment relationship, so that no doctor can plant records (a fake report) in
 * a stranger's chart: registering a new patient (import or createPatient) makes the doctor its
 * first author; adding a record needs what reading one of that type would need for TREAT or
 * ETREAT (records authored before, a consent covering the type, or break-glass for the
 * emergency types); amending and retracting stay with the author.
 */
function decideWrite(actor: Actor, isOwner: boolean, request: AccessRequest, facts: AccessFacts): Decision {
  if (!hasRole(actor, "doctor")) return deny(isOwner ? "patients do not author clinical records" : "only doctors write records");
  if (request.action === "patient.register" || request.action === "bundle.import") {
    return { allow: true, reason: "doctor registers a new patient", scope: ALL };
  }
  if (request.action === "record.amend" || request.action === "record.retract") {
    return request.record && same(request.record.author, actor.address)
      ? { allow: true, reason: "author", scope: ALL }
      : deny("only the author may amend or retract a record");
  }
  if (!request.record) return deny("a new record needs its resource type");
  for (const purpose of ["TREAT", "ETREAT"] as const) {
    const { scope, reasons } = doctorReadScope(actor, { ...request, purpose }, facts);
    if (covers(scope, request.record)) return { allow: true, reason: `treatment relationship (${reasons.join(", ")})`, scope: ALL };
  }
  return deny(
    "no treatment relationship covers this record: ask the patient for access (requestAccess), or break the glass in an emergency",
  );
}

export function decide(actor: Actor | null, request: AccessRequest, facts: AccessFacts): Decision {
  if (!actor) return deny("unauthenticated");
  const isOwner = hasRole(actor, "patient") && same(actor.address, request.patient.accountAddress);

  if (WRITES.has(request.action)) return decideWrite(actor, isOwner, request, facts);

  if (isOwner) return { allow: true, reason: "own data", scope: ALL };
  if (request.action === "accessLog.read") return deny("only the patient reads their access log");
  if (!request.purpose && (hasRole(actor, "doctor") || hasRole(actor, "insurer"))) return deny("a purpose of use is required");
  let read: { scope: Scope; reasons: string[] };
  if (hasRole(actor, "doctor")) read = doctorReadScope(actor, request, facts);
  else if (hasRole(actor, "insurer")) {
    // An insurer reads for payment only, and only what the patient's HPAYMT consents name: no authorship, no break-glass.
    if (request.purpose !== "HPAYMT") return deny("insurers read for healthcare payment (HPAYMT) only");
    const { types, ids, reasons } = consentScope(actor, request, facts);
    read = { scope: { all: false, authoredBy: null, resourceTypes: types, recordIds: ids }, reasons };
  } else return deny(hasRole(actor, "admin") ? "admins do not read clinical data" : "no clinical role for this patient");
  const { scope, reasons } = read;
  if (request.record) {
    return covers(scope, request.record)
      ? { allow: true, reason: reasons.join(", "), scope }
      : deny("no consent, authorship or break-glass covers this record");
  }
  if (request.action === "record.list" || request.action === "patient.export") {
    // Listing shows only what the scope covers; an empty scope still answers (with nothing),
    // but it is recorded as a denial so the patient sees the attempt.
    return isEmpty(scope)
      ? deny("no consent, authorship or break-glass for this patient")
      : { allow: true, reason: reasons.join(", "), scope };
  }
  return deny("no consent, authorship or break-glass covers this record");
}
