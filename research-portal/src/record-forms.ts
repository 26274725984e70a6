/**
 * The doctor's record forms as plain fields, and the FHIR R4 resources they stand for. The API
 * validates every resource again (and answers BAD_USER_INPUT); these checks only say early, next
 * to the field, what the API would refuse.
 */

export type FormKind = "Observation" | "Condition";
export const FORM_KINDS: FormKind[] = ["Observation", "Condition"];

export interface RecordFields {
  kind: FormKind;
  /** LOINC for observations, SNOMED CT for conditions. */
  code: string;
  display: string;
  /** yyyy-mm-dd */
  date: string;
  /** Observation only. */
  value: string;
  unit: string;
  /** Condition only. */
  clinicalStatus: string;
}

export const CODE_SYSTEMS: Record<FormKind, { system: string; name: string }> = {
  Observation: { system: "http://loinc.org", name: "LOINC" },
  Condition: { system: "http://snomed.info/sct", name: "SNOMED CT" },
};

export const CLINICAL_STATUSES = ["active", "recurrence", "relapse", "inactive", "remission", "resolved"];

export const emptyFields = (kind: FormKind = "Observation"): RecordFields => ({
  kind,
  code: "",
  display: "",
  date: new Date().toISOString().slice(0, 10),
  value: "",
  unit: "",
  clinicalStatus: "active",
});

export type FieldErrors = Partial<Record<keyof RecordFields, string>>;

export function validateFields(f: RecordFields, today = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[A-Za-z0-9.-]{1,64}$/.test(f.code.trim()))
    errors.code = `Enter a ${CODE_SYSTEMS[f.kind].name} code (letters, digits, dots, dashes).`;
  if (!f.display.trim()) errors.display = "Say what it is, as a reader should see it.";
  else if (f.display.length > 200) errors.display = "At most 200 characters.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date) || Number.isNaN(Date.parse(f.date))) errors.date = "Enter a date as yyyy-mm-dd.";
  else if (Date.parse(f.date) > today.getTime()) errors.date = "The date cannot be in the future.";
  if (f.kind === "Observation") {
    if (f.value.trim() === "" || !Number.isFinite(Number(f.value))) errors.value = "Enter a number.";
    if (!f.unit.trim()) errors.unit = "Enter the unit (UCUM, e.g. mg/dL, kg, /min).";
  } else if (!CLINICAL_STATUSES.includes(f.clinicalStatus)) errors.clinicalStatus = "Choose a clinical status.";
  return errors;
}

/** The FHIR resource the fields describe; `base` (when amending) keeps every element the form does not show. */
export function toResource(f: RecordFields, base: Record<string, unknown> = {}): Record<string, unknown> {
  const coding = [{ system: CODE_SYSTEMS[f.kind].system, code: f.code.trim(), display: f.display.trim() }];
  const at = `${f.date}T00:00:00Z`;
  if (f.kind === "Observation") {
    const unit = f.unit.trim();
    return {
      ...base,
      resourceType: "Observation",
      status: (base.status as string | undefined) ?? "final",
      code: { coding, text: f.display.trim() },
      effectiveDateTime: at,
      valueQuantity: { value: Number(f.value), unit, system: "http://unitsofmeasure.org", code: unit },
    };
  }
  return {
    ...base,
    resourceType: "Condition",
    clinicalStatus: {
      coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: f.clinicalStatus }],
    },
    code: { coding, text: f.display.trim() },
    onsetDateTime: at,
  };
}

/** The form's fields for a stored resource, or null when the form cannot show it (another type). */
export function fromResource(resource: Record<string, unknown>): RecordFields | null {
  const kind = resource.resourceType;
  if (kind !== "Observation" && kind !== "Condition") return null;
  const code = resource.code as { coding?: { code?: string; display?: string }[]; text?: string } | undefined;
  const first = code?.coding?.[0];
  const when = (kind === "Observation" ? resource.effectiveDateTime : resource.onsetDateTime) as string | undefined;
  const quantity = resource.valueQuantity as { value?: number; unit?: string } | undefined;
  const status = (resource.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code;
  return {
    kind,
    code: first?.code ?? "",
    display: first?.display ?? code?.text ?? "",
    date: when?.slice(0, 10) ?? "",
    value: quantity?.value != null ? String(quantity.value) : "",
    unit: quantity?.unit ?? "",
    clinicalStatus: status ?? "active",
  };
}
