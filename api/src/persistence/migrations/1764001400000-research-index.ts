import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The research index (decision 0009): per patient, the de-identified facts cohort counts
 * select and group on, kept in the same transaction as every write of a Patient or Condition
 * record. `research_subject` has one row per patient (blank while the patient has no active
 * Patient resource); `research_condition` one row per coding of each active Condition record,
 * system and code only as a keyed blind index (KeyRing.conditionKey). Rows of patients registered before
 * this migration are filled in at API start-up (ResearchIndexer.fillMissing).
 */
export class ResearchIndex1764001400000 implements MigrationInterface {
  name = "ResearchIndex1764001400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "research_subject" (
        "patient_id" uuid PRIMARY KEY REFERENCES "patient" ("id"),
        "birth_date" date,
        "birth_days" integer,
        "sex" text NOT NULL DEFAULT 'unknown',
        "region" integer NOT NULL DEFAULT 0,
        "zip3" text NOT NULL DEFAULT '000',
        "deceased" boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      `CREATE INDEX "research_subject_birth" ON "research_subject" ("birth_days", "sex", "region") INCLUDE ("birth_date", "zip3")`,
    );
    await queryRunner.query(`
      CREATE TABLE "research_condition" (
        "record_id" uuid NOT NULL REFERENCES "record" ("id"),
        "patient_id" uuid NOT NULL REFERENCES "patient" ("id"),
        "code_system" text NOT NULL,
        "code_key" text NOT NULL,
        "active" boolean NOT NULL,
        "onset" date,
        PRIMARY KEY ("record_id", "code_key")
      )`);
    await queryRunner.query(`CREATE INDEX "research_condition_code" ON "research_condition" ("code_key", "patient_id") WHERE "active"`);
    await queryRunner.query(`CREATE INDEX "research_condition_patient" ON "research_condition" ("patient_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "research_condition"`);
    await queryRunner.query(`DROP TABLE "research_subject"`);
  }
}
