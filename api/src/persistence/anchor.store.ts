import type { DataSource } from "typeorm";

import type { AnchorKind, AnchorStore, BatchRow, Leaf } from "../domain/anchoring/anchor.service";

/** Where each kind's leaves live: (table, hash column, time column). */
const SOURCES: Record<AnchorKind, { table: string; hash: string; at: string }> = {
  recordVersions: { table: "record_version", hash: "version_hash", at: "created_at" },
  accessLog: { table: "access_log", hash: "entry_hash", at: "at" },
};

interface BatchSql {
  kind: AnchorKind;
  idx: number;
  root: string;
  first_seq: string;
  last_seq: string;
  tx_hash: string;
  anchored_at: Date;
}

const toBatch = (row: BatchSql): BatchRow => ({
  kind: row.kind,
  index: Number(row.idx),
  root: row.root,
  firstSeq: Number(row.first_seq),
  lastSeq: Number(row.last_seq),
  txHash: row.tx_hash,
  anchoredAt: new Date(row.anchored_at),
});
const toLeaves = (rows: { seq: string; hash: string }[]): Leaf[] => rows.map((row) => ({ seq: Number(row.seq), hash: row.hash }));

export class TypeOrmAnchorStore implements AnchorStore {
  constructor(private readonly dataSource: DataSource) {}

  async lastBatch(kind: AnchorKind): Promise<BatchRow | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM anchor_batch WHERE kind = $1 ORDER BY idx DESC LIMIT 1`, [
      kind,
    ])) as BatchSql[];
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async oldestPendingAt(kind: AnchorKind, afterSeq: number): Promise<Date | null> {
    const { table, at } = SOURCES[kind];
    const [row] = (await this.dataSource.query(`SELECT ${at} AS at FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT 1`, [afterSeq])) as {
      at: Date | string;
    }[];
    return row ? new Date(row.at) : null;
  }

  async pendingLeaves(kind: AnchorKind, afterSeq: number, settledBefore: Date, limit: number): Promise<Leaf[]> {
    const { table, hash, at } = SOURCES[kind];
    return toLeaves(
      await this.dataSource.query(`SELECT seq, ${hash} AS hash FROM ${table} WHERE seq > $1 AND ${at} <= $2 ORDER BY seq LIMIT $3`, [
        afterSeq,
        settledBefore,
        limit,
      ]),
    );
  }

  async leavesInRange(kind: AnchorKind, firstSeq: number, lastSeq: number): Promise<Leaf[]> {
    const { table, hash } = SOURCES[kind];
    return toLeaves(
      await this.dataSource.query(`SELECT seq, ${hash} AS hash FROM ${table} WHERE seq BETWEEN $1 AND $2 ORDER BY seq`, [
        firstSeq,
        lastSeq,
      ]),
    );
  }

  async saveBatch(batch: BatchRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO anchor_batch (kind, idx, root, first_seq, last_seq, tx_hash, anchored_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [batch.kind, batch.index, batch.root, batch.firstSeq, batch.lastSeq, batch.txHash, batch.anchoredAt],
    );
  }

  async batches(kind: AnchorKind): Promise<BatchRow[]> {
    return ((await this.dataSource.query(`SELECT * FROM anchor_batch WHERE kind = $1 ORDER BY idx`, [kind])) as BatchSql[]).map(toBatch);
  }

  async batchContaining(kind: AnchorKind, seq: number): Promise<BatchRow | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM anchor_batch WHERE kind = $1 AND $2 BETWEEN first_seq AND last_seq`, [
      kind,
      seq,
    ])) as BatchSql[];
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async pendingCount(kind: AnchorKind, afterSeq: number): Promise<number> {
    const { table } = SOURCES[kind];
    return Number(
      ((await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE seq > $1`, [afterSeq])) as { n: number }[])[0].n,
    );
  }
}
