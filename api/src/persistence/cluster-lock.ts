/**
 * Work that exactly one API process may do at a time when several share one PostgreSQL:
 * the background jobs (anchoring, chain sync, the outbox worker) and every relay of the chain
 * outbox. PostgreSQL session advisory locks decide: a lock belongs to one database session,
 * and PostgreSQL frees it when that session ends, so when a process dies (even with kill -9)
 * its connection closes and another process takes the work over at its next attempt.
 *
 * PGlite is embedded: one process owns the database, so it always holds every lock.
 */
import type { DataSource, QueryRunner } from "typeorm";

import type { DatabaseKind } from "../domain/health.service";

/** A lock one process holds until it gives it up or dies. */
export interface ClusterLock {
  /** True while this process holds the lock, taking it when it is free. Never throws. */
  hold(): Promise<boolean>;
  /** Gives the lock up (shutdown). */
  release(): Promise<void>;
}

/** A lock taken for the length of one run. */
export interface RunLock {
  /** Runs `work` if no other process runs it now; null (without running it) otherwise. */
  tryRun<T>(work: () => Promise<T>): Promise<T | null>;
}

/** Advisory-lock keys (the first argument of pg_try_advisory_lock), fixed for MedLedger. */
export const LOCK_KEYS = { backgroundJobs: 0x4d4c_0001, outboxRelay: 0x4d4c_0002 } as const;

/** The holder of a PostgreSQL session advisory lock on a connection of its own. */
class AdvisoryLock implements ClusterLock {
  private runner: QueryRunner | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: number,
  ) {}

  async hold(): Promise<boolean> {
    if (this.runner) {
      // Still ours while our session lives; a broken connection has lost it.
      try {
        await this.runner.query("SELECT 1");
        return true;
      } catch {
        await this.drop();
      }
    }
    if (!this.dataSource.isInitialized) return false;
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [row] = (await runner.query("SELECT pg_try_advisory_lock($1) AS locked", [this.key])) as { locked: boolean }[];
      if (row?.locked) {
        this.runner = runner;
        return true;
      }
    } catch {
      // The database is unreachable: not ours this time.
    }
    await runner.release().catch(() => undefined);
    return false;
  }

  async release(): Promise<void> {
    if (!this.runner) return;
    await this.runner.query("SELECT pg_advisory_unlock($1)", [this.key]).catch(() => undefined);
    await this.drop();
  }

  private async drop(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    await runner?.release().catch(() => undefined);
  }
}

class AdvisoryRunLock implements RunLock {
  private readonly lock: AdvisoryLock;

  constructor(dataSource: DataSource, key: number) {
    this.lock = new AdvisoryLock(dataSource, key);
  }

  async tryRun<T>(work: () => Promise<T>): Promise<T | null> {
    if (!(await this.lock.hold())) return null;
    try {
      return await work();
    } finally {
      await this.lock.release();
    }
  }
}

const always: ClusterLock = { hold: async () => true, release: async () => undefined };
const unguarded: RunLock = { tryRun: (work) => work() };

/** The lock for the background jobs: PostgreSQL elects one process; PGlite is one process. */
export function clusterLock(dataSource: DataSource, kind: DatabaseKind, key: number): ClusterLock {
  return kind === "postgres" ? new AdvisoryLock(dataSource, key) : always;
}

/** A lock per run (the outbox relay): PostgreSQL lets one process run at a time; PGlite needs none. */
export function runLock(dataSource: DataSource, kind: DatabaseKind, key: number): RunLock {
  return kind === "postgres" ? new AdvisoryRunLock(dataSource, key) : unguarded;
}
