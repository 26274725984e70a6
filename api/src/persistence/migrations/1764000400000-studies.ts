import type { MigrationInterface, QueryRunner } from "typeorm";

/** Studies' eligibility criteria in words (the chain holds their hash) and enrollments relayed by the API. */
export class Studies1764000400000 implements MigrationInterface {
  name = "Studies1764000400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "study" (
        "id" text PRIMARY KEY,
        "criteria" jsonb NOT NULL,
        "criteria_hash" text NOT NULL,
        "issuer_key_hash" text NOT NULL,
        "described_by" text NOT NULL,
        "created_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "enrollment" (
        "study_id" text NOT NULL,
        "nullifier" text NOT NULL,
        "tx_hash" text NOT NULL,
        "enrolled_at" timestamptz NOT NULL,
        PRIMARY KEY ("study_id", "nullifier")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "enrollment"`);
    await queryRunner.query(`DROP TABLE "study"`);
  }
}
