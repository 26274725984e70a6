/**
 * The research index (decision 0009): per patient, the de-identified facts that cohort counts
 * select and group on (birth date, sex, ZIP3 and region, deceased, and every coding of every
 * Condition with its status and onset), kept beside the ledger in the same transaction as each
 * write of a Patient or Condition record. Counting a cohort then is one SQL aggregate instead
 * of decrypting every chart. Codes are stored only as the keyed blind index of decision 0008.
 *
 * The rows are a function of the records (`researchEntry`); `ResearchIndexer` recomputes them
 * from the ledger to fill in patients registered before the index existed and to check (and
 * repair) drift. The TypeScript predicate `meetsCriteria` stays the oracle the SQL is tested
 * against.
 */
import type { KeyRing } from "../../crypto/key-ring";
import type { FhirResource } from "../records/fhir";
import {
  ACTIVE_CONDITION_STATUSES,
  CREDENTIAL_CODE_SYSTEMS,
  dayNumber,
  encodeCriteria,
  regionOfZip,
  SEX_CODES,
  type StudyCriteria,
} from "../../zk/eligibility-encoding";
import type { Cell, Dimension } from "./cohort";
import { safeHarborZip3 } from "./deidentify";

export interface ResearchSubjectRow {
  patientId: string;
  /** ISO date (partial FHIR dates completed with -01); null: no countable birth date. */
  birthDate: string | null;
  /** dayNumber(birthDate), what criteria windows compare; null outside the encodable range. */
  birthDays: number | null;
  sex: string;
  /** regionOfZip of the postal code (0: none), what criteria match. */
  region: number;
  /** The Safe Harbor ZIP3 ("000" for small or unusable areas), what breakdowns group by. */
  zip3: string;
  deceased: boolean;
}

export interface ResearchConditionRow {
  recordId: string;
  patientId: string;
  codeSystem: string;
  codeKey: string;
  active: boolean;
  /** ISO date of onset (or of recording); null when the record has neither. */
  onset: string | null;
}

/** What one record write changes in the index. */
export type ResearchEntry =
  | { kind: "subject"; subject: ResearchSubjectRow }
  | { kind: "conditions"; recordId: string; patientId: string; conditions: ResearchConditionRow[] };

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | undefined => (typeof value === "object" && value !== null ? (value as Json) : undefined);

/** A blank subject: the patient exists but has no active Patient resource (never counted). */
export const blankSubject = (patientId: string): ResearchSubjectRow => ({
  patientId,
  birthDate: null,
  birthDays: null,
  sex: "unknown",
  region: 0,
  zip3: "000",
  deceased: false,
});

function isoDay(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const day = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(value)?.[0];
  if (!day) return null;
  const full = day.length === 4 ? `${day}-01-01` : day.length === 7 ? `${day}-01` : day;
  return Number.isNaN(Date.parse(`${full}T00:00:00Z`)) ? null : full;
}

function subjectOf(patientId: string, patient: Json): ResearchSubjectRow {
  const birthDate = isoDay(patient.birthDate);
  let birthDays: number | null = null;
  try {
    birthDays = birthDate ? dayNumber(birthDate) : null;
  } catch {
    // Outside what credentials can encode (before 1900): such a patient is never counted.
  }
  const gender = typeof patient.gender === "string" && Object.hasOwn(SEX_CODES, patient.gender) ? patient.gender : "unknown";
  const zip = String((obj((patient.address as unknown[] | undefined)?.[0])?.postalCode as string | undefined) ?? "");
  return {
    patientId,
    birthDate: birthDays === null ? null : birthDate,
    birthDays,
    sex: gender,
    region: /^\d{3}/.test(zip) ? regionOfZip(zip) : 0,
    zip3: safeHarborZip3(zip),
    deceased: patient.deceasedBoolean === true || typeof patient.deceasedDateTime === "string",
  };
}

function conditionsOf(keys: Pick<KeyRing, "conditionKey">, patientId: string, recordId: string, condition: Json): ResearchConditionRow[] {
  const status = String(obj((obj(condition.clinicalStatus)?.coding as unknown[] | undefined)?.[0])?.code);
  const onset = isoDay(condition.onsetDateTime ?? condition.recordedDate);
  const rows = new Map<string, ResearchConditionRow>();
  for (const coding of (obj(condition.code)?.coding as unknown[] | undefined) ?? []) {
    const c = obj(coding);
    if (typeof c?.system !== "string" || typeof c.code !== "string") continue;
    const codeKey = keys.conditionKey(c.system, c.code);
    rows.set(codeKey, {
      recordId,
      patientId,
      codeSystem: c.system,
      codeKey,
      active: ACTIVE_CONDITION_STATUSES.has(status),
      onset,
    });
  }
  return [...rows.values()];
}

/**
 * What writing `resource` (null: a retraction) as the current version of a record does to the
 * index: a Patient sets the patient's subject row (blank when retracted), a Condition replaces
 * that record's condition rows (none when retracted); other resources do not touch it.
 */
export function researchEntry(
  keys: Pick<KeyRing, "conditionKey">,
  patientId: string,
  recordId: string,
  resourceType: string,
  resource: FhirResource | null,
): ResearchEntry | null {
  if (resourceType === "Patient")
    return { kind: "subject", subject: resource ? subjectOf(patientId, resource as Json) : blankSubject(patientId) };
  if (resourceType === "Condition")
    return {
      kind: "conditions",
      recordId,
      patientId,
      conditions: resource ? conditionsOf(keys, patientId, recordId, resource as Json) : [],
    };
  return null;
}

/** A cohort's criteria as the index answers them (the same predicates as meetsCriteria). */
export interface CohortQuery {
  windowStart: number;
  windowEnd: number;
  sexes: string[];
  /** Empty: any region. */
  regions: number[];
  /**
   * Blind-indexed codes (conditionKey) of the code systems credentials carry: at least one
   * required (empty: none), none of the excluded. Active conditions only.
   */
  required: string[];
  excluded: string[];
  /** True when the criteria require codes of which none can ever count: nobody meets them. */
  unsatisfiable: boolean;
  breakdown: Dimension[];
  /** ISO day that ages are computed on. */
  today: string;
}

export function cohortQuery(
  keys: Pick<KeyRing, "conditionKey">,
  criteria: StudyCriteria,
  breakdown: Dimension[],
  today: string,
): CohortQuery {
  const encoded = encodeCriteria(criteria);
  // Only codes of the systems credentials carry count (as in attributesFromRecords); the key
  // covers system and code, so the SQL needs no system column.
  const blind = (codes: StudyCriteria["anyOf"]) =>
    codes.filter((c) => CREDENTIAL_CODE_SYSTEMS.includes(c.system)).map((c) => keys.conditionKey(c.system, c.code));
  const required = blind(criteria.anyOf);
  return {
    windowStart: encoded.windowStart,
    windowEnd: encoded.windowEnd,
    sexes: [...criteria.sexes],
    regions: encoded.regions,
    required,
    excluded: blind(criteria.noneOf),
    unsatisfiable: criteria.anyOf.length > 0 && required.length === 0,
    breakdown,
    today,
  };
}

/** The index as cohort counts read it. */
export interface ResearchIndexReader {
  /** Non-empty cells of the people meeting the query, keyed by its breakdown. */
  tabulate(query: CohortQuery): Promise<Cell[]>;
  /** The ZIP3 areas of every countable subject: the custodian's catchment area (public). */
  catchment(): Promise<string[]>;
}

/** The index as its writers and the indexer see it. */
export interface ResearchIndexStore extends ResearchIndexReader {
  /** Patients (from `afterId`, by id) without a subject row: registered before the index existed. */
  unindexedPatients(limit: number): Promise<string[]>;
  /** Patient ids by id, a page after `afterId`. */
  patientPage(afterId: string | null, limit: number): Promise<string[]>;
  rows(patientIds: readonly string[]): Promise<{ subjects: ResearchSubjectRow[]; conditions: ResearchConditionRow[] }>;
  /** Replaces every row of these patients, in one transaction. */
  replace(
    patientIds: readonly string[],
    subjects: readonly ResearchSubjectRow[],
    conditions: readonly ResearchConditionRow[],
  ): Promise<void>;
}
