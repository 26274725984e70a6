/**
 * The TypeORM data source over PostgreSQL (DATABASE_URL) or embedded PGlite. Schema changes
 * come only from migrations: `synchronize` is never on.
 */
import { mkdirSync } from "node:fs";

import { DataSource } from "typeorm";
import { PGliteDriver } from "typeorm-pglite";

import { ConfigError, redactUrl, type DatabaseConfig } from "../config/config";
import { AccessRequestEntity, BreakGlassEntity, ConsentEntity } from "./consent.entities";
import { AccessLogEntity, AccountEntity, AuthChallengeEntity, PatientEntity, RecordEntity, RecordVersionEntity } from "./ledger.entities";
import { lockKey } from "./cluster-lock";
import { InitialSchema1764000000000 } from "./migrations/1764000000000-initial-schema";
import { RecordsAndAccessLog1764000100000 } from "./migrations/1764000100000-records-and-access-log";
import { Consents1764000200000 } from "./migrations/1764000200000-consents";
import { Anchors1764000300000 } from "./migrations/1764000300000-anchors";
import { Studies1764000400000 } from "./migrations/1764000400000-studies";
import { Credentials1764000500000 } from "./migrations/1764000500000-credentials";
import { Withdrawals1764000600000 } from "./migrations/1764000600000-withdrawals";
import { Research1764000700000 } from "./migrations/1764000700000-research";
import { ChainOutbox1764000800000 } from "./migrations/1764000800000-chain-outbox";
import { StudyChainStatus1764000900000 } from "./migrations/1764000900000-study-chain-status";
import { OutboxEnrollmentsAmendments1764001000000 } from "./migrations/1764001000000-outbox-enrollments-amendments";
import { ReleaseChainStatus1764001100000 } from "./migrations/1764001100000-release-chain-status";
import { RateLimits1764001200000 } from "./migrations/1764001200000-rate-limits";
import { RecordQueryFields1764001300000 } from "./migrations/1764001300000-record-query-fields";
import { ResearchIndex1764001400000 } from "./migrations/1764001400000-research-index";
import { AccessIndexes1764001500000 } from "./migrations/1764001500000-access-indexes";
import { Claims1764001600000 } from "./migrations/1764001600000-claims";
import { SystemSettingEntity } from "./system-setting.entity";
import { markSingleConnection } from "./transactions";

export const ENTITIES = [
  SystemSettingEntity,
  AccountEntity,
  AuthChallengeEntity,
  PatientEntity,
  RecordEntity,
  RecordVersionEntity,
  AccessLogEntity,
  ConsentEntity,
  AccessRequestEntity,
  BreakGlassEntity,
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  RecordsAndAccessLog1764000100000,
  Consents1764000200000,
  Anchors1764000300000,
  Studies1764000400000,
  Credentials1764000500000,
  Withdrawals1764000600000,
  Research1764000700000,
  ChainOutbox1764000800000,
  StudyChainStatus1764000900000,
  OutboxEnrollmentsAmendments1764001000000,
  ReleaseChainStatus1764001100000,
  RateLimits1764001200000,
  RecordQueryFields1764001300000,
  ResearchIndex1764001400000,
  AccessIndexes1764001500000,
  Claims1764001600000,
];

export function createDataSource(database: DatabaseConfig): DataSource {
  const common = { type: "postgres" as const, entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false };
  if (database.kind === "postgres") {
    const searchPath = database.schema ? { options: `-c search_path=${database.schema}` } : {};
    return new DataSource({
      ...common,
      url: database.url,
      schema: database.schema,
      // Also how long a request may wait for a pooled connection under load: short waits became INTERNAL errors at 200 clients.
      connectTimeoutMS: 30_000,
      extra: { max: 10, ...searchPath },
    });
  }
  mkdirSync(database.dataDir, { recursive: true });
  const dataSource = new DataSource({ ...common, driver: new PGliteDriver({ dataDir: database.dataDir }).driver });
  markSingleConnection(dataSource);
  return dataSource;
}

/** Connects and runs pending migrations; an unreachable database becomes one clear ConfigError. */
export async function openDatabase(database: DatabaseConfig): Promise<DataSource> {
  const dataSource = createDataSource(database);
  try {
    await dataSource.initialize();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] || error.name : String(error);
    throw new ConfigError(
      database.kind === "postgres"
        ? `Cannot connect to PostgreSQL at DATABASE_URL=${redactUrl(database.url)} (${reason}): check the URL and that the server runs, or unset DATABASE_URL to use the embedded PGlite database.`
        : `Cannot open the embedded PGlite database in ${database.dataDir} (${reason}): is another MedLedger using it? Stop it or set DATA_DIR.`,
    );
  }
  if (database.kind === "pglite") {
    await dataSource.runMigrations({ transaction: "each" });
    return dataSource;
  }
  // Several API processes may start at once on a new database: one migrates, the others wait
  // for it and then find nothing left to do.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock($1::bigint)", [lockKey(database.schema, "migrations")]);
    await dataSource.runMigrations({ transaction: "each" });
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1::bigint)", [lockKey(database.schema, "migrations")]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
