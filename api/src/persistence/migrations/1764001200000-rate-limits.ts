import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rate-limit counters shared by every API process on one PostgreSQL (rate-limiter-flexible's
 * PostgreSQL store: one row per limiter and caller, `expire` in epoch milliseconds). PGlite
 * counts in memory; the table is there too, unused.
 */
export class RateLimits1764001200000 implements MigrationInterface {
  name = "RateLimits1764001200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_limit" (
        "key" varchar(255) PRIMARY KEY,
        "points" integer NOT NULL DEFAULT 0,
        "expire" bigint
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }
}
