import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Look-ups by the doctor rather than by the patient. The access decision asks whether the caller
 * authored any of the patient's records (a treatment relationship): (author, patient) answers
 * that with one probe however long the chart is. A doctor's patient list (`myPatients`) starts
 * from the doctor: the patients whose records they wrote, the consents granted to them, their
 * break-glass grants. Addresses are stored in EIP-55 form, so equality is enough.
 */
export class AccessIndexes1764001500000 implements MigrationInterface {
  name = "AccessIndexes1764001500000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "record_author_patient" ON "record" ("author", "patient_id")`);
    await queryRunner.query(`CREATE INDEX "consent_grantee" ON "consent" ("grantee", "patient_id")`);
    await queryRunner.query(`CREATE INDEX "break_glass_doctor" ON "break_glass" ("doctor", "patient_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "break_glass_doctor"`);
    await queryRunner.query(`DROP INDEX "consent_grantee"`);
    await queryRunner.query(`DROP INDEX "record_author_patient"`);
  }
}
