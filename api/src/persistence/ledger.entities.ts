/** TypeORM entities of the private ledger. Never exposed as GraphQL types. */
import { Column, Entity, PrimaryColumn } from "typeorm";

const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };

@Entity({ name: "account" })
export class AccountEntity {
  @PrimaryColumn({ type: "text" })
  address: string;

  @Column({ type: "text", array: true })
  roles: string[];

  @Column({ name: "roles_synced_at", type: "timestamptz" })
  rolesSyncedAt: Date;
}

@Entity({ name: "auth_challenge" })
export class AuthChallengeEntity {
  @PrimaryColumn({ type: "text" })
  nonce: string;

  @Column({ type: "text" })
  address: string;

  @Column({ name: "issued_at", type: "timestamptz" })
  issuedAt: Date;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt: Date;

  @Column({ name: "used_at", type: "timestamptz", nullable: true })
  usedAt: Date | null;
}

@Entity({ name: "patient" })
export class PatientEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ name: "account_address", type: "text", nullable: true })
  accountAddress: string | null;

  @Column({ name: "fhir_id", type: "text", nullable: true })
  fhirId: string | null;

  @Column({ name: "wrapped_key", type: "bytea" })
  wrappedKey: Buffer;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}

@Entity({ name: "record" })
export class RecordEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ name: "patient_id", type: "uuid" })
  patientId: string;

  @Column({ name: "resource_type", type: "text" })
  resourceType: string;

  @Column({ name: "fhir_id", type: "text" })
  fhirId: string;

  @Column({ type: "text" })
  author: string;

  @Column({ name: "current_version", type: "integer" })
  currentVersion: number;

  @Column({ type: "text" })
  lifecycle: string;

  @Column({ name: "effective_at", type: "timestamptz", nullable: true })
  effectiveAt: Date | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;

  @Column({ name: "code_system", type: "text", nullable: true })
  codeSystem: string | null;

  @Column({ name: "code_key", type: "text", nullable: true })
  codeKey: string | null;

  @Column({ name: "clinical_status", type: "text", nullable: true })
  clinicalStatus: string | null;

  @Column({ name: "value_quantity", type: "double precision", nullable: true })
  valueQuantity: number | null;

  @Column({ name: "fields_version", type: "integer", nullable: true })
  fieldsVersion: number | null;
}

@Entity({ name: "record_version" })
export class RecordVersionEntity {
  @PrimaryColumn({ name: "record_id", type: "uuid" })
  recordId: string;

  @PrimaryColumn({ type: "integer" })
  version: number;

  @Column({ type: "text" })
  lifecycle: string;

  @Column({ type: "text" })
  author: string;

  @Column({ type: "text", nullable: true })
  reason: string | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ type: "bytea" })
  sealed: Buffer;

  @Column({ name: "content_hash", type: "text" })
  contentHash: string;

  @Column({ name: "previous_hash", type: "text" })
  previousHash: string;

  @Column({ name: "version_hash", type: "text" })
  versionHash: string;

  /** Global order for anchoring; assigned by the database. */
  @Column({ type: "bigint", insert: false, update: false, transformer: bigintAsNumber })
  seq?: number;
}

@Entity({ name: "access_log" })
export class AccessLogEntity {
  @PrimaryColumn({ type: "bigint", transformer: bigintAsNumber })
  seq: number;

  @Column({ type: "timestamptz" })
  at: Date;

  @Column({ type: "text", nullable: true })
  actor: string | null;

  @Column({ name: "patient_id", type: "uuid", nullable: true })
  patientId: string | null;

  @Column({ name: "record_id", type: "uuid", nullable: true })
  recordId: string | null;

  @Column({ type: "text" })
  action: string;

  @Column({ type: "text", nullable: true })
  purpose: string | null;

  @Column({ type: "text" })
  decision: string;

  @Column({ type: "text" })
  reason: string;

  @Column({ name: "previous_hash", type: "text" })
  previousHash: string;

  @Column({ name: "entry_hash", type: "text" })
  entryHash: string;
}
