import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The private ledger: accounts and sign-in challenges, patients (with their wrapped data key),
 * records and their append-only, hash-chained, encrypted versions, and the hash-chained
 * access log. Clinical content exists only inside `record_version.sealed`.
 */
export class RecordsAndAccessLog1764000100000 implements MigrationInterface {
  name = "RecordsAndAccessLog1764000100000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "account" (
        "address" text PRIMARY KEY,
        "roles" text[] NOT NULL DEFAULT '{}',
        "roles_synced_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "auth_challenge" (
        "nonce" text PRIMARY KEY,
        "address" text NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE "patient" (
        "id" uuid PRIMARY KEY,
        "account_address" text UNIQUE,
        "fhir_id" text UNIQUE,
        "wrapped_key" bytea NOT NULL,
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "record" (
        "id" uuid PRIMARY KEY,
        "patient_id" uuid NOT NULL REFERENCES "patient"("id"),
        "resource_type" text NOT NULL,
        "fhir_id" text NOT NULL,
        "author" text NOT NULL,
        "current_version" integer NOT NULL,
        "lifecycle" text NOT NULL,
        "effective_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        UNIQUE ("patient_id", "resource_type", "fhir_id")
      )`);
    await queryRunner.query(`CREATE INDEX "record_patient_type" ON "record" ("patient_id", "resource_type")`);
    await queryRunner.query(`
      CREATE TABLE "record_version" (
        "record_id" uuid NOT NULL REFERENCES "record"("id"),
        "version" integer NOT NULL,
        "lifecycle" text NOT NULL,
        "author" text NOT NULL,
        "reason" text,
        "created_at" timestamptz NOT NULL,
        "sealed" bytea NOT NULL,
        "content_hash" text NOT NULL,
        "previous_hash" text NOT NULL,
        "version_hash" text NOT NULL,
        PRIMARY KEY ("record_id", "version")
      )`);
    await queryRunner.query(`
      CREATE TABLE "access_log" (
        "seq" bigint PRIMARY KEY,
        "at" timestamptz NOT NULL,
        "actor" text,
        "patient_id" uuid,
        "record_id" uuid,
        "action" text NOT NULL,
        "purpose" text,
        "decision" text NOT NULL,
        "reason" text NOT NULL,
        "previous_hash" text NOT NULL,
        "entry_hash" text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "access_log_patient" ON "access_log" ("patient_id", "seq")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["access_log", "record_version", "record", "patient", "auth_challenge", "account"]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
