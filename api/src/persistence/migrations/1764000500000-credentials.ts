import type { MigrationInterface, QueryRunner } from "typeorm";

/** Patients' credential commitments (Poseidon(secret)) and the credentials issued to them. */
export class Credentials1764000500000 implements MigrationInterface {
  name = "Credentials1764000500000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "credential_request" (
        "patient_id" uuid PRIMARY KEY REFERENCES "patient"("id"),
        "commitment" text NOT NULL,
        "requested_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "credential" (
        "id" uuid PRIMARY KEY,
        "patient_id" uuid NOT NULL REFERENCES "patient"("id"),
        "issuer" text NOT NULL,
        "sealed" bytea NOT NULL,
        "issued_at" timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "credential"`);
    await queryRunner.query(`DROP TABLE "credential_request"`);
  }
}
