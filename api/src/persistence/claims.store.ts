/** Claims persistence (issue 13): policies, coverages and claims, in plain SQL beside their outbox intents. */
import type { DataSource } from "typeorm";

import type {
  ChainOutcome,
  ClaimFilter,
  ClaimRow,
  ClaimsStore,
  CoverageRow,
  EvidenceRow,
  PolicyRow,
  PolicyRule,
} from "../domain/claims/claims.service";
import type { ClaimItem, ClaimStatus } from "../domain/claims/claims-fhir";
import { conflict } from "../domain/errors";
import type { ChainIntent, ChainWriteStatus } from "../domain/outbox/chain-outbox";
import { insertIntent } from "./outbox.store";
import { isUniqueViolation, serialTransaction } from "./transactions";

type Sql = Record<string, unknown>;
const date = (value: unknown): Date => new Date(value as string);
const maybeDate = (value: unknown): Date | null => (value === null || value === undefined ? null : date(value));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const json = <T>(value: unknown): T => (typeof value === "string" ? (JSON.parse(value) as T) : (value as T));

const toPolicy = (r: Sql): PolicyRow => ({
  id: String(r.id),
  version: Number(r.version),
  insurer: String(r.insurer),
  name: String(r.name),
  rules: json<PolicyRule[]>(r.rules),
  rulesHash: String(r.rules_hash),
  publishedAt: date(r.published_at),
  chainStatus: r.chain_status as ChainWriteStatus,
  chainError: text(r.chain_error),
  txHash: text(r.tx_hash),
});

const toCoverage = (r: Sql): CoverageRow => ({
  id: String(r.id),
  patientId: String(r.patient_id),
  policyId: String(r.policy_id),
  insurer: String(r.insurer),
  startDay: Number(r.start_day),
  endDay: Number(r.end_day),
  sealed: r.sealed as Buffer,
  contentHash: String(r.content_hash),
  registeredBy: String(r.registered_by),
  state: r.state as CoverageRow["state"],
  createdAt: date(r.created_at),
  chainStatus: r.chain_status as ChainWriteStatus,
  chainError: text(r.chain_error),
  txHash: text(r.tx_hash),
});

const toClaim = (r: Sql): ClaimRow => ({
  id: String(r.id),
  patientId: String(r.patient_id),
  coverageId: String(r.coverage_id),
  insurer: String(r.insurer),
  provider: String(r.provider),
  use: r.use as ClaimRow["use"],
  priorAuthId: text(r.prior_auth_id),
  sealed: r.sealed as Buffer,
  items: json<ClaimItem[]>(r.items),
  evidence: json<EvidenceRow[]>(r.evidence),
  currency: String(r.currency),
  billed: Number(r.billed),
  status: r.status as ClaimStatus,
  reason: String(r.reason),
  planPays: Number(r.plan_pays),
  patientShare: Number(r.patient_share),
  policyVersion: r.policy_version === null ? null : Number(r.policy_version),
  createdAt: date(r.created_at),
  chainStatus: r.chain_status as ChainWriteStatus,
  chainError: text(r.chain_error),
  txHash: text(r.tx_hash),
  decidedBy: text(r.decided_by),
  decisionNote: text(r.decision_note),
  decidedAt: maybeDate(r.decided_at),
  decisionStatus: (r.decision_status ?? null) as ChainWriteStatus | null,
  decisionTx: text(r.decision_tx),
});

export class TypeOrmClaimsStore implements ClaimsStore {
  constructor(private readonly dataSource: DataSource) {}

  private async rows(sql: string, parameters: unknown[] = []): Promise<Sql[]> {
    return (await this.dataSource.query(sql, parameters)) as Sql[];
  }

  async currentPolicy(id: string): Promise<PolicyRow | null> {
    const [row] = await this.rows(`SELECT * FROM claim_policy WHERE id = $1 ORDER BY version DESC LIMIT 1`, [id]);
    return row ? toPolicy(row) : null;
  }

  async policiesOf(insurer: string): Promise<PolicyRow[]> {
    const rows = await this.rows(`SELECT DISTINCT ON (id) * FROM claim_policy WHERE insurer = $1 ORDER BY id, version DESC`, [insurer]);
    return rows.map(toPolicy);
  }

  async publishPolicy(row: PolicyRow, intent: ChainIntent): Promise<void> {
    try {
      await serialTransaction(this.dataSource, async (manager) => {
        await manager.query(
          `INSERT INTO claim_policy (id, version, insurer, name, rules, rules_hash, published_at, chain_status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING')`,
          [row.id, row.version, row.insurer, row.name, JSON.stringify(row.rules), row.rulesHash, row.publishedAt],
        );
        await insertIntent(manager, intent, row.publishedAt);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("the policy was published meanwhile: read it again and publish");
      throw error;
    }
  }

  async policyLanded(id: string, version: number, txHash: string | null, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE claim_policy SET chain_status = $3, tx_hash = COALESCE($4, tx_hash), chain_error = $5 WHERE id = $1 AND version = $2`,
      [id, version, txHash ? "CONFIRMED" : "FAILED", txHash, error],
    );
  }

  async saveCoverage(row: CoverageRow, intent: ChainIntent | null): Promise<CoverageRow> {
    try {
      await serialTransaction(this.dataSource, async (manager) => {
        await manager.query(
          `INSERT INTO coverage (id, patient_id, policy_id, insurer, start_day, end_day, sealed, content_hash, registered_by, state, created_at, chain_status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'PENDING')`,
          [
            row.id,
            row.patientId,
            row.policyId,
            row.insurer,
            row.startDay,
            row.endDay,
            row.sealed,
            row.contentHash,
            row.registeredBy,
            row.state,
            row.createdAt,
          ],
        );
        if (intent) await insertIntent(manager, intent, row.createdAt);
      });
      return row;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [existing] = await this.rows(`SELECT * FROM coverage WHERE patient_id = $1 AND content_hash = $2`, [
        row.patientId,
        row.contentHash,
      ]);
      if (!existing) throw error;
      return toCoverage(existing);
    }
  }

  async activateCoverage(id: string, intent: ChainIntent, at: Date): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      const updated = (await manager.query(`UPDATE coverage SET state = 'ACTIVE' WHERE id = $1 AND state = 'PROPOSED' RETURNING id`, [
        id,
      ])) as unknown[];
      const rows = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated;
      if (rows.length !== 1) return false;
      await insertIntent(manager, intent, at);
      return true;
    });
  }

  async proposedCoverages(insurer: string, limit: number): Promise<CoverageRow[]> {
    const rows = await this.rows(`SELECT * FROM coverage WHERE insurer = $1 AND state = 'PROPOSED' ORDER BY created_at, id LIMIT $2`, [
      insurer,
      limit,
    ]);
    return rows.map(toCoverage);
  }

  async coverage(id: string): Promise<CoverageRow | null> {
    const [row] = await this.rows(`SELECT * FROM coverage WHERE id = $1`, [id]);
    return row ? toCoverage(row) : null;
  }

  async coveragesOf(patientId: string): Promise<CoverageRow[]> {
    return (await this.rows(`SELECT * FROM coverage WHERE patient_id = $1 ORDER BY created_at, id`, [patientId])).map(toCoverage);
  }

  async coverageLanded(id: string, txHash: string | null, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE coverage SET chain_status = $2, tx_hash = COALESCE($3, tx_hash), chain_error = $4 WHERE id = $1`, [
      id,
      txHash ? "CONFIRMED" : "FAILED",
      txHash,
      error,
    ]);
  }

  async saveClaim(row: ClaimRow, intent: ChainIntent): Promise<boolean> {
    try {
      await serialTransaction(this.dataSource, async (manager) => {
        await manager.query(
          `INSERT INTO claim (id, patient_id, coverage_id, insurer, provider, use, prior_auth_id, sealed, items, evidence, currency,
             billed, status, reason, created_at, chain_status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'PENDING')`,
          [
            row.id,
            row.patientId,
            row.coverageId,
            row.insurer,
            row.provider,
            row.use,
            row.priorAuthId,
            row.sealed,
            JSON.stringify(row.items),
            JSON.stringify(row.evidence),
            row.currency,
            row.billed,
            row.status,
            row.reason,
            row.createdAt,
          ],
        );
        await insertIntent(manager, intent, row.createdAt);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async claim(id: string): Promise<ClaimRow | null> {
    const [row] = await this.rows(`SELECT * FROM claim WHERE id = $1`, [id]);
    return row ? toClaim(row) : null;
  }

  async claimLanded(id: string, outcome: ChainOutcome | null, txHash: string | null, error: string | null): Promise<void> {
    if (!outcome) {
      await this.dataSource.query(`UPDATE claim SET chain_status = 'FAILED', chain_error = $2 WHERE id = $1`, [id, error]);
      return;
    }
    // Only while no review decision has changed it: a second confirmation (after a crash) changes nothing.
    await this.dataSource.query(
      `UPDATE claim SET chain_status = 'CONFIRMED', tx_hash = $2, chain_error = NULL, status = $3, reason = $4, billed = $5,
         plan_pays = $6, patient_share = $7, policy_version = $8
       WHERE id = $1 AND decision_status IS NULL`,
      [id, txHash, outcome.status, outcome.reason, outcome.billed, outcome.planPays, outcome.patientShare, outcome.policyVersion],
    );
  }

  async startDecision(id: string, decidedBy: string, note: string | null, at: Date, intent: ChainIntent): Promise<boolean> {
    return serialTransaction(this.dataSource, async (manager) => {
      const updated = (await manager.query(
        `UPDATE claim SET decided_by = $2, decision_note = $3, decided_at = $4, decision_status = 'PENDING', decision_tx = NULL
         WHERE id = $1 AND status = 'REVIEW' AND chain_status = 'CONFIRMED' AND (decision_status IS NULL OR decision_status = 'FAILED')
         RETURNING id`,
        [id, decidedBy, note, at],
      )) as unknown[];
      // PostgreSQL answers [rows, count] to an UPDATE … RETURNING through TypeORM; PGlite the rows.
      const rows = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated;
      if (rows.length !== 1) return false;
      // The outbox key is per claim: a decision refused by the chain is retried under a fresh key.
      await insertIntent(manager, { ...intent, key: `${intent.key}:${at.getTime()}` }, at);
      return true;
    });
  }

  async decisionLanded(id: string, outcome: ChainOutcome | null, txHash: string | null, error: string | null): Promise<void> {
    if (!outcome) {
      await this.dataSource.query(`UPDATE claim SET decision_status = 'FAILED', chain_error = $2 WHERE id = $1`, [id, error]);
      return;
    }
    await this.dataSource.query(
      `UPDATE claim SET decision_status = 'CONFIRMED', decision_tx = $2, chain_error = NULL, status = $3, reason = $4,
         plan_pays = $5, patient_share = $6
       WHERE id = $1`,
      [id, txHash, outcome.status, outcome.reason, outcome.planPays, outcome.patientShare],
    );
  }

  async pageClaims(
    filter: ClaimFilter,
    after: { createdAt: Date; id: string } | null,
    first: number,
  ): Promise<{ rows: ClaimRow[]; totalCount: number; hasNextPage: boolean }> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      parameters.push(value);
      where.push(clause.replace("?", `$${parameters.length}`));
    };
    if (filter.insurer) add("insurer = ?", filter.insurer);
    if (filter.provider) add("provider = ?", filter.provider);
    if (filter.patientId) add("patient_id = ?", filter.patientId);
    if (filter.status) add("status = ?", filter.status);
    const base = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const [{ count }] = await this.rows(`SELECT count(*)::int AS count FROM claim ${base}`, parameters);
    const pageParameters = [...parameters];
    let page = base;
    if (after) {
      pageParameters.push(after.createdAt, after.id);
      const n = pageParameters.length;
      page = `${base ? `${base} AND` : "WHERE"} (created_at, id) < ($${n - 1}, $${n})`;
    }
    pageParameters.push(first + 1);
    const rows = await this.rows(
      `SELECT * FROM claim ${page} ORDER BY created_at DESC, id DESC LIMIT $${pageParameters.length}`,
      pageParameters,
    );
    return { rows: rows.slice(0, first).map(toClaim), totalCount: Number(count), hasNextPage: rows.length > first };
  }
}
