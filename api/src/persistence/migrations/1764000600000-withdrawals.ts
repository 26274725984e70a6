import type { MigrationInterface, QueryRunner } from "typeorm";

/** Withdrawals from studies (the chain is the source of truth; this mirrors what the API relayed). */
export class Withdrawals1764000600000 implements MigrationInterface {
  name = "Withdrawals1764000600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrollment" ADD COLUMN "withdrawn_at" timestamptz`);
    await queryRunner.query(`ALTER TABLE "enrollment" ADD COLUMN "withdraw_tx" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "withdraw_tx"`);
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "withdrawn_at"`);
  }
}
