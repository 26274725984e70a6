import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Indexed records (decision 0008): beside each record's encrypted current version, the fields
 * that list queries filter and sort on. The code is a keyed blind index (HMAC), never in clear.
 * `fields_version` is the version the fields were computed from: rows written before this
 * migration have none, and the API fills them in at start-up (RecordFieldIndexer).
 */
export class RecordQueryFields1764001300000 implements MigrationInterface {
  name = "RecordQueryFields1764001300000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "record"
        ADD COLUMN "code_system" text,
        ADD COLUMN "code_key" text,
        ADD COLUMN "clinical_status" text,
        ADD COLUMN "value_quantity" double precision,
        ADD COLUMN "fields_version" integer`);
    await queryRunner.query(`CREATE INDEX "record_patient_effective" ON "record" ("patient_id", "effective_at" DESC NULLS LAST, "id")`);
    await queryRunner.query(`CREATE INDEX "record_patient_code" ON "record" ("patient_id", "code_key")`);
    await queryRunner.query(`CREATE INDEX "record_unindexed" ON "record" ("id") WHERE "fields_version" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "record_unindexed"`);
    await queryRunner.query(`DROP INDEX "record_patient_code"`);
    await queryRunner.query(`DROP INDEX "record_patient_effective"`);
    await queryRunner.query(`
      ALTER TABLE "record"
        DROP COLUMN "code_system", DROP COLUMN "code_key", DROP COLUMN "clinical_status",
        DROP COLUMN "value_quantity", DROP COLUMN "fields_version"`);
  }
}
