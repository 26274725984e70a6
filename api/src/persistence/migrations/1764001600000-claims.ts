import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Insurance claims (issue 13). Policies (one row per published version), coverages and claims;
 * each goes to ClaimsRegistry through the chain outbox, and its chain_status says how that went.
 * A coverage the patient registers is PROPOSED until the policy's insurer accepts it (ACTIVE);
 * only then does it go on chain. A coverage's and a claim's FHIR resources are sealed with the patient's key like records; the
 * columns beside them (days, codes, cents) are what lists filter and page on.
 */
export class Claims1764001600000 implements MigrationInterface {
  name = "Claims1764001600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "claim_policy" (
      "id" text NOT NULL,
      "version" integer NOT NULL,
      "insurer" text NOT NULL,
      "name" text NOT NULL,
      "rules" jsonb NOT NULL,
      "rules_hash" text NOT NULL,
      "published_at" timestamptz NOT NULL,
      "chain_status" text NOT NULL,
      "chain_error" text,
      "tx_hash" text,
      PRIMARY KEY ("id", "version"))`);
    await queryRunner.query(`CREATE TABLE "coverage" (
      "id" uuid PRIMARY KEY,
      "patient_id" uuid NOT NULL REFERENCES "patient" ("id"),
      "policy_id" text NOT NULL,
      "insurer" text NOT NULL,
      "start_day" integer NOT NULL,
      "end_day" integer NOT NULL,
      "sealed" bytea NOT NULL,
      "content_hash" text NOT NULL,
      "registered_by" text NOT NULL,
      "state" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      "chain_status" text NOT NULL,
      "chain_error" text,
      "tx_hash" text,
      UNIQUE ("patient_id", "content_hash"))`);
    await queryRunner.query(`CREATE INDEX "coverage_patient" ON "coverage" ("patient_id")`);
    await queryRunner.query(`CREATE INDEX "coverage_insurer_state" ON "coverage" ("insurer", "state")`);
    await queryRunner.query(`CREATE TABLE "claim" (
      "id" text PRIMARY KEY,
      "patient_id" uuid NOT NULL REFERENCES "patient" ("id"),
      "coverage_id" uuid NOT NULL REFERENCES "coverage" ("id"),
      "insurer" text NOT NULL,
      "provider" text NOT NULL,
      "use" text NOT NULL,
      "prior_auth_id" text,
      "sealed" bytea NOT NULL,
      "items" jsonb NOT NULL,
      "evidence" jsonb NOT NULL,
      "currency" text NOT NULL,
      "billed" bigint NOT NULL,
      "status" text NOT NULL,
      "reason" text NOT NULL,
      "plan_pays" bigint NOT NULL DEFAULT 0,
      "patient_share" bigint NOT NULL DEFAULT 0,
      "policy_version" integer,
      "created_at" timestamptz NOT NULL,
      "chain_status" text NOT NULL,
      "chain_error" text,
      "tx_hash" text,
      "decided_by" text,
      "decision_note" text,
      "decided_at" timestamptz,
      "decision_status" text,
      "decision_tx" text)`);
    await queryRunner.query(`CREATE INDEX "claim_insurer" ON "claim" ("insurer", "created_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "claim_provider" ON "claim" ("provider", "created_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "claim_patient" ON "claim" ("patient_id", "created_at" DESC, "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "claim"`);
    await queryRunner.query(`DROP TABLE "coverage"`);
    await queryRunner.query(`DROP TABLE "claim_policy"`);
  }
}
