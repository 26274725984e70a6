import type { MigrationInterface, QueryRunner } from "typeorm";

/** Anchoring: a global order for record versions, and the batches whose roots are on chain. */
export class Anchors1764000300000 implements MigrationInterface {
  name = "Anchors1764000300000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "record_version" ADD COLUMN "seq" bigserial UNIQUE`);
    await queryRunner.query(`
      CREATE TABLE "anchor_batch" (
        "kind" text NOT NULL,
        "idx" integer NOT NULL,
        "root" text NOT NULL,
        "first_seq" bigint NOT NULL,
        "last_seq" bigint NOT NULL,
        "tx_hash" text NOT NULL,
        "anchored_at" timestamptz NOT NULL,
        PRIMARY KEY ("kind", "idx"),
        UNIQUE ("kind", "first_seq")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "anchor_batch"`);
    await queryRunner.query(`ALTER TABLE "record_version" DROP COLUMN "seq"`);
  }
}
