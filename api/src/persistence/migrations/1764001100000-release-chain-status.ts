import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Release manifests go through the chain outbox: the release row (with an id chosen here) and
 * its intent commit together, before ReleaseRegistry records it. Releases recorded before this
 * were relayed first, so they are CONFIRMED.
 */
export class ReleaseChainStatus1764001100000 implements MigrationInterface {
  name = "ReleaseChainStatus1764001100000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "release" ALTER COLUMN "tx_hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "release" ADD COLUMN "chain_status" text NOT NULL DEFAULT 'CONFIRMED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "release" DROP COLUMN "chain_status"`);
  }
}
