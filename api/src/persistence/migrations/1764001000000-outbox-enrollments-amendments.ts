import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Enrollments, withdrawals, study amendments and ethics-board votes go through the chain outbox
 * too. An enrollment row is written before its transaction (PENDING, no tx yet), a withdrawal
 * is marked before its transaction, and a refused intent keeps the contract's error code so the
 * caller gets the same typed error as before. Rows written before this were relayed first, so
 * they are CONFIRMED.
 */
export class OutboxEnrollmentsAmendments1764001000000 implements MigrationInterface {
  name = "OutboxEnrollmentsAmendments1764001000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chain_outbox" ADD COLUMN "error_code" text`);
    await queryRunner.query(`ALTER TABLE "enrollment" ALTER COLUMN "tx_hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "enrollment" ADD COLUMN "chain_status" text NOT NULL DEFAULT 'CONFIRMED'`);
    await queryRunner.query(`ALTER TABLE "enrollment" ADD COLUMN "withdraw_status" text`);
    await queryRunner.query(`UPDATE "enrollment" SET "withdraw_status" = 'CONFIRMED' WHERE "withdrawn_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "withdraw_status"`);
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "chain_status"`);
    await queryRunner.query(`ALTER TABLE "chain_outbox" DROP COLUMN "error_code"`);
  }
}
