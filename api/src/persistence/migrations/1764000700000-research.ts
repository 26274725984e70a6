import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Research sharing: studies with their full terms (StudyRegistry holds the hashes), proofs
 * kept with enrollments for the ethics board's review, patients' data-sharing links, cohort
 * queries with their differential-privacy spend, and prepared releases.
 *
 * Studies described for the retired StudyGate contract are dropped with their enrollments:
 * their on-chain state lived in a contract this version no longer deploys.
 */
export class Research1764000700000 implements MigrationInterface {
  name = "Research1764000700000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "study"`);
    await queryRunner.query(`DELETE FROM "enrollment"`);
    await queryRunner.query(`
      CREATE TABLE "study" (
        "id" text PRIMARY KEY,
        "researcher" text NOT NULL,
        "title" text NOT NULL,
        "purpose" text NOT NULL,
        "protocol" text NOT NULL,
        "protocol_hash" text NOT NULL,
        "terms_hash" text NOT NULL,
        "data_use" jsonb NOT NULL,
        "requested_fields" jsonb NOT NULL,
        "min_cohort_size" integer NOT NULL,
        "dp_budget" double precision,
        "criteria" jsonb NOT NULL,
        "criteria_hash" text NOT NULL,
        "issuer_key_hash" text NOT NULL,
        "version" integer NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "study_researcher" ON "study" ("researcher")`);
    await queryRunner.query(`ALTER TABLE "enrollment" ADD COLUMN "proof" jsonb NOT NULL`);
    await queryRunner.query(`ALTER TABLE "enrollment" ADD COLUMN "public_signals" jsonb NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "study_share" (
        "study_id" text NOT NULL,
        "nullifier" text NOT NULL,
        "patient_id" uuid NOT NULL,
        "shared_at" timestamptz NOT NULL,
        PRIMARY KEY ("study_id", "nullifier"),
        UNIQUE ("study_id", "patient_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "cohort_query" (
        "study_id" text NOT NULL,
        "query_hash" text NOT NULL,
        "epsilon" double precision NOT NULL,
        "answer" jsonb NOT NULL,
        "asked_by" text NOT NULL,
        "asked_at" timestamptz NOT NULL,
        PRIMARY KEY ("study_id", "query_hash")
      )`);
    await queryRunner.query(`
      CREATE TABLE "release" (
        "id" text PRIMARY KEY,
        "study_id" text NOT NULL,
        "manifest" jsonb NOT NULL,
        "manifest_hash" text NOT NULL,
        "dataset" jsonb NOT NULL,
        "participants" jsonb NOT NULL,
        "tx_hash" text NOT NULL,
        "prepared_by" text NOT NULL,
        "prepared_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "release_study" ON "release" ("study_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "release"`);
    await queryRunner.query(`DROP TABLE "cohort_query"`);
    await queryRunner.query(`DROP TABLE "study_share"`);
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "public_signals"`);
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "proof"`);
    await queryRunner.query(`DROP TABLE "study"`);
    await queryRunner.query(`
      CREATE TABLE "study" (
        "id" text PRIMARY KEY,
        "criteria" jsonb NOT NULL,
        "criteria_hash" text NOT NULL,
        "issuer_key_hash" text NOT NULL,
        "described_by" text NOT NULL,
        "created_at" timestamptz NOT NULL
      )`);
  }
}
