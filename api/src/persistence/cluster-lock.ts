/**
 * Work that exactly one API process may do at a time when several share one PostgreSQL:
 * the background jobs (anchoring, chain sync, the outbox worker) and every relay of the chain
 * outbox. PostgreSQL session advisory locks decide: a lock belongs to one database session,
 * and PostgreSQL frees it when that session ends, so when a process dies (even with kill -9)
 * its connection closes and another process takes the work over at its next attempt.
 *
 * PGlite is embedded: one process owns the database, so it always holds every lock.
 */
import { createHash } from "node:crypto";

import type { DataSource, QueryRunner } from "typeorm";

import type { DatabaseKind } from "../domain/health.service";
import { inProcessRunLock, type RunLock } from "../domain/run-lock";

/** A lock one process holds until it gives it up or dies. */
export interface ClusterLock {
  /** True while this process holds the lock, taking it when it is free. Never throws. */
  hold(): Promise<boolean>;
  /** Gives the lock up (shutdown). */
  release(): Promise<void>;
}

/** What each advisory lock guards. */
export type LockPurpose = "background-jobs" | "outbox-relay" | "anchoring" | "migrations";

/**
 * The advisory-lock key of a purpose for one MedLedger database. Advisory locks are per
 * PostgreSQL database, not per schema, so the key includes the schema: two MedLedgers in two
 * schemas of one database (or two test suites) never wait for each other.
 */
export function lockKey(schema: string | undefined, purpose: LockPurpose): string {
  const digest = createHash("sha256")
    .update(`medledger:${schema ?? "public"}:${purpose}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}

/** The holder of a PostgreSQL session advisory lock on a connection of its own. */
class AdvisoryLock implements ClusterLock {
  private runner: QueryRunner | null = null;
  private asking: Promise<boolean> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: string,
  ) {}

  /** Concurrent callers share one attempt (two sessions of this process would refuse each other). */
  hold(): Promise<boolean> {
    this.asking ??= this.ask().finally(() => {
      this.asking = null;
    });
    return this.asking;
  }

  private async ask(): Promise<boolean> {
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
      const [row] = (await runner.query("SELECT pg_try_advisory_lock($1::bigint) AS locked", [this.key])) as { locked: boolean }[];
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
    await this.runner.query("SELECT pg_advisory_unlock($1::bigint)", [this.key]).catch(() => undefined);
    await this.drop();
  }

  private async drop(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    await runner?.release().catch(() => undefined);
  }
}

class AdvisoryRunLock implements RunLock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: string,
  ) {}

  async tryRun<T>(work: () => Promise<T>): Promise<T | null> {
    // A session of its own per run, so a second run in this process is refused like one elsewhere.
    const lock = new AdvisoryLock(this.dataSource, this.key);
    if (!(await lock.hold())) return null;
    try {
      return await work();
    } finally {
      await lock.release();
    }
  }
}

/**
 * Whether this process runs the background jobs: asks the lock before each run and logs when
 * the answer changes (taken over, or another process runs them).
 */
export class Leadership {
  private current: boolean | null = null;

  constructor(
    private readonly lock: ClusterLock,
    private readonly log: (message: string) => void,
  ) {}

  /** True when this process ran or may run the jobs at the last check. */
  get runsHere(): boolean {
    return this.current === true;
  }

  async check(): Promise<boolean> {
    const now = await this.lock.hold();
    if (now !== this.current) {
      this.log(now ? "background jobs: this process runs them" : "background jobs: another process runs them; this one stands by");
      this.current = now;
    }
    return now;
  }

  async release(): Promise<void> {
    await this.lock.release();
    this.current = false;
  }
}

const always: ClusterLock = { hold: async () => true, release: async () => undefined };

/** The lock for the background jobs: PostgreSQL elects one process; PGlite is one process. */
export function clusterLock(dataSource: DataSource, kind: DatabaseKind, key: string): ClusterLock {
  return kind === "postgres" ? new AdvisoryLock(dataSource, key) : always;
}

/** A lock per run (anchoring, the outbox relay): one run at a time across processes on PostgreSQL, within the process on PGlite. */
export function runLock(dataSource: DataSource, kind: DatabaseKind, key: string): RunLock {
  return kind === "postgres" ? new AdvisoryRunLock(dataSource, key) : inProcessRunLock();
}
