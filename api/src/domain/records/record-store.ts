/** What the records domain needs from persistence (implemented in persistence/record.store.ts). */
import type { ChainIntent } from "../outbox/chain-outbox";
import type { ResearchEntry } from "../research/research-index";

/** Associated data of a record version's ciphertext: binds it to its record and version. */
export const recordAad = (recordId: string, version: number): string => `record:${recordId}:v${version}`;

export interface PatientRow {
  id: string;
  accountAddress: string | null;
  fhirId: string | null;
  wrappedKey: Buffer;
  createdBy: string;
  createdAt: Date;
}

export interface RecordRow {
  id: string;
  patientId: string;
  resourceType: string;
  fhirId: string;
  author: string;
  currentVersion: number;
  lifecycle: "active" | "retracted";
  effectiveAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Query fields of the current version, kept beside its encrypted content so lists filter,
   * sort and page in SQL (decision 0008). The code only as a keyed blind index (equality).
   */
  codeSystem: string | null;
  codeKey: string | null;
  clinicalStatus: string | null;
  valueQuantity: number | null;
  /** The version these fields were computed from (null: written before they existed). */
  fieldsVersion: number | null;
}

/** A list query, all of it answered in SQL. */
export interface RecordQuery {
  patientId: string;
  /** What the caller may see (the access decision's scope). */
  scope: { all: boolean; authoredBy: string | null; resourceTypes: string[]; recordIds: string[] };
  resourceTypes: string[] | null;
  codeSystem: string | null;
  codeKey: string | null;
  clinicalStatus: string | null;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  valueMin: number | null;
  valueMax: number | null;
  includeRetracted: boolean;
  /** Keyset cursor: the last row of the previous page. */
  after: { effectiveAt: Date | null; id: string } | null;
  first: number;
}

export interface VersionRow {
  recordId: string;
  version: number;
  lifecycle: "active" | "retracted";
  author: string;
  reason: string | null;
  createdAt: Date;
  sealed: Buffer;
  contentHash: string;
  previousHash: string;
  versionHash: string;
  /** Global order used for anchoring (assigned by the database on insert). */
  seq?: number;
}

/** A new record as written: the row, its first version and its research-index change. */
export interface RecordDraft {
  record: RecordRow;
  version: VersionRow;
  research: ResearchEntry | null;
}

export interface RecordStore {
  findPatients(ids: readonly string[]): Promise<PatientRow[]>;
  findPatientByAccount(address: string): Promise<PatientRow | null>;
  /** Every patient's id (research counts over the custodian's whole population). */
  patientIds(): Promise<string[]>;
  findPatientByFhirId(fhirId: string): Promise<PatientRow | null>;
  /**
   * One transaction: a new patient (or null), records with their first versions, what they
   * change in the research index, and the chain intent that goes with them (the patient role).
   */
  insert(patient: PatientRow | null, records: RecordDraft[], intent?: ChainIntent): Promise<void>;
  /**
   * Appends a version (and its research-index change) if the record is still at
   * `expectedVersion`; false when someone was faster.
   */
  appendVersion(record: RecordRow, expectedVersion: number, version: VersionRow, research: ResearchEntry | null): Promise<boolean>;
  findRecords(ids: readonly string[]): Promise<RecordRow[]>;
  patientRecords(patientId: string, resourceTypes: readonly string[] | null): Promise<RecordRow[]>;
  /** A patient's records with these FHIR ids (what a claim cites), any type. */
  recordsByFhirIds(patientId: string, fhirIds: readonly string[]): Promise<RecordRow[]>;
  /** The active records of one resource type of several patients. */
  activeRecordsOfType(patientIds: readonly string[], resourceType: string): Promise<RecordRow[]>;
  /** Current version of each record. */
  currentVersions(records: readonly RecordRow[]): Promise<VersionRow[]>;
  versions(recordId: string): Promise<VersionRow[]>;
  /** Whether `author` (an EIP-55 address, as records store it) wrote any record of this patient: a treatment relationship. */
  hasAuthored(patientId: string, author: string): Promise<boolean>;
  /** One page of a patient's records, filtered and ordered (newest effective date first, then id) in SQL. */
  pageRecords(query: RecordQuery): Promise<{ rows: RecordRow[]; totalCount: number; hasNextPage: boolean }>;
  /** Records whose query fields are missing or behind their current version. */
  unindexedRecords(limit: number): Promise<RecordRow[]>;
  /** Saves recomputed query fields (only while the record is still at `fieldsVersion`). */
  saveQueryFields(rows: readonly RecordRow[]): Promise<void>;
}
