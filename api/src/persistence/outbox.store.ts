import type { DataSource, EntityManager } from "typeorm";

import type { DomainErrorCode } from "../domain/errors";
import type { ChainIntent, IntentRow, OutboxStore } from "../domain/outbox/chain-outbox";

interface IntentSql {
  id: string;
  kind: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
  status: IntentRow["status"];
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  error_code: DomainErrorCode | null;
  tx_hash: string | null;
  created_at: Date;
}

const toRow = (row: IntentSql): IntentRow => ({
  id: row.id,
  kind: row.kind,
  key: row.idempotency_key,
  payload: row.payload,
  status: row.status,
  attempts: Number(row.attempts),
  nextAttemptAt: new Date(row.next_attempt_at),
  lastError: row.last_error,
  errorCode: row.error_code,
  txHash: row.tx_hash,
  createdAt: new Date(row.created_at),
});

const INTENT_COLUMNS = "id, kind, idempotency_key, payload, status, attempts, next_attempt_at, created_at, updated_at";
const INTENT_VALUES = "$1, $2, $3, $4, 'PENDING', 0, $5, $5, $5";
const intentValues = (intent: ChainIntent, at: Date): unknown[] => [intent.id, intent.kind, intent.key, JSON.stringify(intent.payload), at];

/** Inserts the intent inside the caller's transaction, so the effect and its chain write commit together. */
export async function insertIntent(manager: EntityManager, intent: ChainIntent, at: Date): Promise<void> {
  await manager.query(`INSERT INTO chain_outbox (${INTENT_COLUMNS}) VALUES (${INTENT_VALUES})`, intentValues(intent, at));
}

export class TypeOrmOutboxStore implements OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  async insert(intent: ChainIntent, at: Date): Promise<boolean> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO chain_outbox (${INTENT_COLUMNS}) VALUES (${INTENT_VALUES}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      intentValues(intent, at),
    )) as unknown[];
    return inserted.length === 1;
  }

  async pending(limit: number): Promise<IntentRow[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM chain_outbox WHERE status = 'PENDING' ORDER BY seq LIMIT $1`, [
      limit,
    ])) as IntentSql[];
    return rows.map(toRow);
  }

  async find(id: string): Promise<IntentRow | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM chain_outbox WHERE id = $1`, [id])) as IntentSql[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  async confirm(id: string, txHash: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE chain_outbox SET status = 'CONFIRMED', tx_hash = $2, last_error = NULL, updated_at = $3 WHERE id = $1`,
      [id, txHash, at],
    );
  }

  async fail(id: string, reason: string, code: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE chain_outbox SET status = 'FAILED', last_error = $2, error_code = $3, updated_at = $4 WHERE id = $1`,
      [id, reason, code, at],
    );
  }

  async retryLater(id: string, error: string, nextAttemptAt: Date, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE chain_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, updated_at = $4 WHERE id = $1`,
      [id, error, nextAttemptAt, at],
    );
  }

  async counts(): Promise<{ pending: number; failed: number }> {
    const rows = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM chain_outbox`,
    )) as { pending: number; failed: number }[];
    return { pending: Number(rows[0].pending), failed: Number(rows[0].failed) };
  }
}
