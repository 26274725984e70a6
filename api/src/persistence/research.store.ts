import type { DataSource } from "typeorm";

import { fitsBudget } from "../domain/research/cohort";
import type { CohortAnswer, CohortStore, SpendResult, SpendRow } from "../domain/research/cohort.service";
import type { ReleaseManifest, ReleaseRecord, ReleaseStore } from "../domain/research/release.service";
import type { ReleaseRow } from "../domain/research/deidentify";
import type { ChainIntent, ChainWriteStatus } from "../domain/outbox/chain-outbox";
import { insertIntent } from "./outbox.store";
import { serialTransaction } from "./transactions";

interface ReleaseSql {
  id: string;
  study_id: string;
  manifest: ReleaseManifest;
  manifest_hash: string;
  dataset: ReleaseRow[];
  participants: string[];
  tx_hash: string | null;
  chain_status: ChainWriteStatus;
  prepared_by: string;
  prepared_at: Date;
}

const toRelease = (r: ReleaseSql): ReleaseRecord => ({
  id: r.id,
  studyId: r.study_id,
  manifest: r.manifest,
  manifestHash: r.manifest_hash,
  dataset: r.dataset,
  participants: r.participants,
  txHash: r.tx_hash,
  chainStatus: r.chain_status,
  preparedBy: r.prepared_by,
  preparedAt: new Date(r.prepared_at),
});

export class TypeOrmResearchStore implements CohortStore, ReleaseStore {
  constructor(private readonly dataSource: DataSource) {}

  async findQuery(studyId: string, queryHash: string): Promise<CohortAnswer | null> {
    const rows = (await this.dataSource.query(`SELECT answer FROM cohort_query WHERE study_id = $1 AND query_hash = $2`, [
      studyId,
      queryHash,
    ])) as { answer: CohortAnswer }[];
    return rows[0]?.answer ?? null;
  }

  async spent(studyId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT COALESCE(SUM(epsilon), 0) AS spent FROM cohort_query WHERE study_id = $1`, [
      studyId,
    ])) as { spent: string | number }[];
    return Number(row.spent);
  }

  /**
   * Check and spend in one transaction holding the study's row lock (PostgreSQL: API instances
   * cannot overspend together); transactions do not interleave within this process (transactions.ts).
   */
  spend(row: SpendRow): Promise<SpendResult> {
    return serialTransaction(this.dataSource, async (manager) => {
      await manager.query(`SELECT id FROM study WHERE id = $1 FOR UPDATE`, [row.studyId]);
      const existing = (await manager.query(`SELECT answer FROM cohort_query WHERE study_id = $1 AND query_hash = $2`, [
        row.studyId,
        row.queryHash,
      ])) as { answer: CohortAnswer }[];
      if (existing[0]) return { kind: "exists", answer: existing[0].answer } as const;
      const [{ spent }] = (await manager.query(`SELECT COALESCE(SUM(epsilon), 0) AS spent FROM cohort_query WHERE study_id = $1`, [
        row.studyId,
      ])) as { spent: string | number }[];
      if (!fitsBudget(row.budget, Number(spent), row.epsilon)) return { kind: "over-budget", spent: Number(spent) } as const;
      await manager.query(
        `INSERT INTO cohort_query (study_id, query_hash, epsilon, answer, asked_by, asked_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.studyId, row.queryHash, row.epsilon, JSON.stringify(row.answer), row.askedBy, row.at],
      );
      return { kind: "saved" } as const;
    });
  }

  async saveRelease(r: ReleaseRecord, intent: ChainIntent): Promise<void> {
    await serialTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `INSERT INTO release (id, study_id, manifest, manifest_hash, dataset, participants, tx_hash, chain_status, prepared_by, prepared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          r.id,
          r.studyId,
          JSON.stringify(r.manifest),
          r.manifestHash,
          JSON.stringify(r.dataset),
          JSON.stringify(r.participants),
          r.txHash,
          r.chainStatus,
          r.preparedBy,
          r.preparedAt,
        ],
      );
      await insertIntent(manager, intent, r.preparedAt);
    });
  }

  async releaseChainStatus(id: string, status: ChainWriteStatus, txHash: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE release SET chain_status = $2, tx_hash = $3 WHERE id = $1`, [id, status, txHash]);
  }

  async findRelease(id: string): Promise<ReleaseRecord | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM release WHERE id = $1`, [id])) as ReleaseSql[];
    return rows[0] ? toRelease(rows[0]) : null;
  }

  async releasesOf(studyId: string): Promise<ReleaseRecord[]> {
    return ((await this.dataSource.query(`SELECT * FROM release WHERE study_id = $1 ORDER BY prepared_at`, [studyId])) as ReleaseSql[]).map(
      toRelease,
    );
  }
}
