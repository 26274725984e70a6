import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Study proposals go through the chain outbox: the study row and its intent commit together,
 * and the row records how its chain write went. Studies proposed before this were relayed
 * first, so they are CONFIRMED.
 */
export class StudyChainStatus1764000900000 implements MigrationInterface {
  name = "StudyChainStatus1764000900000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "study" ADD COLUMN "chain_status" text NOT NULL DEFAULT 'CONFIRMED'`);
    await queryRunner.query(`ALTER TABLE "study" ADD COLUMN "chain_error" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "study" DROP COLUMN "chain_status"`);
    await queryRunner.query(`ALTER TABLE "study" DROP COLUMN "chain_error"`);
  }
}
