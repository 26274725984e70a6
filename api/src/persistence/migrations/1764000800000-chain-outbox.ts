import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The transactional outbox: every chain write starts as a row here, committed in the same
 * transaction as its database effect, and a worker relays it. Consents and break-glass grants
 * record how their chain write went (PENDING, CONFIRMED, FAILED) and get their transaction
 * hash only once it is mined. Rows written before this migration were relayed synchronously,
 * so they are CONFIRMED.
 */
export class ChainOutbox1764000800000 implements MigrationInterface {
  name = "ChainOutbox1764000800000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "chain_outbox" (
        "id" uuid PRIMARY KEY,
        "seq" bigserial NOT NULL UNIQUE,
        "kind" text NOT NULL,
        "idempotency_key" text NOT NULL UNIQUE,
        "payload" jsonb NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('PENDING', 'CONFIRMED', 'FAILED')),
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL,
        "last_error" text,
        "tx_hash" text,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "chain_outbox_pending" ON "chain_outbox" ("seq") WHERE "status" = 'PENDING'`);
    for (const table of ["consent", "break_glass"]) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "chain_status" text NOT NULL DEFAULT 'CONFIRMED'`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "chain_error" text`);
    }
    await queryRunner.query(`ALTER TABLE "consent" ALTER COLUMN "grant_tx" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "break_glass" ALTER COLUMN "tx_hash" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "chain_outbox"`);
    for (const table of ["consent", "break_glass"]) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "chain_status"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "chain_error"`);
    }
  }
}
