import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The access decision asks whether the caller authored any of the patient's records (a
 * treatment relationship): an index on (author, patient) answers that with one probe, however
 * long the chart is, and lists a doctor's patients.
 */
export class RecordAuthorIndex1764001500000 implements MigrationInterface {
  name = "RecordAuthorIndex1764001500000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "record_author_patient" ON "record" ("author", "patient_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "record_author_patient"`);
  }
}
