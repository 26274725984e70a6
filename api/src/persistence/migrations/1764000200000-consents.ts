import type { MigrationInterface, QueryRunner } from "typeorm";

/** Consents mirrored from ConsentRegistry, doctors' access requests, and break-glass grants. */
export class Consents1764000200000 implements MigrationInterface {
  name = "Consents1764000200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "consent" (
        "id" text PRIMARY KEY,
        "patient_id" uuid NOT NULL REFERENCES "patient"("id"),
        "patient_address" text NOT NULL,
        "grantee" text NOT NULL,
        "resource_types" text[] NOT NULL,
        "record_ids" text[] NOT NULL,
        "purpose" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "nonce" text NOT NULL,
        "scope_hash" text NOT NULL,
        "request_id" uuid,
        "granted_at" timestamptz NOT NULL,
        "grant_tx" text NOT NULL,
        "revoked_at" timestamptz,
        "revoke_tx" text
      )`);
    await queryRunner.query(`CREATE INDEX "consent_patient" ON "consent" ("patient_id")`);
    await queryRunner.query(`
      CREATE TABLE "access_request" (
        "id" uuid PRIMARY KEY,
        "patient_id" uuid NOT NULL REFERENCES "patient"("id"),
        "requester" text NOT NULL,
        "resource_types" text[] NOT NULL,
        "record_ids" text[] NOT NULL,
        "purpose" text NOT NULL,
        "reason" text NOT NULL,
        "status" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "answered_at" timestamptz,
        "consent_id" text
      )`);
    await queryRunner.query(`
      CREATE TABLE "break_glass" (
        "id" uuid PRIMARY KEY,
        "patient_id" uuid NOT NULL REFERENCES "patient"("id"),
        "doctor" text NOT NULL,
        "sealed_reason" bytea NOT NULL,
        "reason_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "tx_hash" text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "break_glass_patient" ON "break_glass" ("patient_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["break_glass", "access_request", "consent"]) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
