/**
 * Composition root: opens the database, connects the chain, loads the circuits, builds the
 * services and serves GraphQL. Used by main.ts and by the integration tests.
 */
import "reflect-metadata";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import type { DataSource } from "typeorm";

import { ChainAdapter, loadDeployment } from "./chain/chain.adapter";
import type { Config } from "./config/config";
import { KeyRing } from "./crypto/key-ring";
import { AccessLog } from "./domain/access/access-log";
import type { Actor } from "./domain/actors";
import { AuthService } from "./domain/auth/auth.service";
import { RoleAdminService } from "./domain/auth/role-admin.service";
import { AnchorService } from "./domain/anchoring/anchor.service";
import { ChainSyncService } from "./domain/chain-sync.service";
import { ConsentService } from "./domain/consent/consent.service";
import { CredentialService } from "./domain/credentials/credential.service";
import { SystemRecordReader } from "./domain/records/system-reader";
import { DomainError } from "./domain/errors";
import { HealthService } from "./domain/health.service";
import { EnrollmentService } from "./domain/studies/enrollment.service";
import { StudyService } from "./domain/studies/study.service";
import { CohortService } from "./domain/research/cohort.service";
import { ReleaseService } from "./domain/research/release.service";
import { ClinicalRepository, type RecordDeps } from "./domain/records/clinical-repository";
import { TypeOrmAccessLogStore } from "./persistence/access-log.store";
import { TypeOrmAnchorStore } from "./persistence/anchor.store";
import { TypeOrmAuthStore } from "./persistence/auth.store";
import { TypeOrmConsentStore } from "./persistence/consent.store";
import { TypeOrmCredentialStore } from "./persistence/credential.store";
import { TypeOrmResearchStore } from "./persistence/research.store";
import { openDatabase } from "./persistence/data-source";
import { DataSourceProbe } from "./persistence/database-probe";
import { TypeOrmRecordStore } from "./persistence/record.store";
import { TypeOrmSettingsStore } from "./persistence/settings.store";
import { TypeOrmStudyStore } from "./persistence/study.store";
import { buildMedLedgerSchema } from "./schema/build-schema";
import type { RequestContext, Services } from "./schema/context";
import { formatError } from "./schema/errors";
import { loadCircuitCatalog } from "./zk/circuit-catalog";
import { BabyJubJubSigner } from "./zk/credential-signer";
import { EligibilityChecker } from "./zk/eligibility-checker";

export interface RunningApi {
  url: string;
  services: Services;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/** Maximum depth of a GraphQL operation (a record connection is 4 levels deep). */
const MAX_DEPTH = 10;

export async function startApi(config: Config, log: (message: string) => void = () => undefined): Promise<RunningApi> {
  const circuits = loadCircuitCatalog(config.circuitsDir);
  log(`circuits: ${circuits.map((c) => `${c.name} (${c.constraints} constraints)`).join(", ")}`);
  const deployment = loadDeployment(config.deploymentsFile);
  const chain = await ChainAdapter.connect(config.rpcUrl, deployment, config.relayerPrivateKey);
  log(`chain ${chain.chainId} at ${config.rpcUrl}: ${chain.contracts().length} contracts found`);
  const dataSource = await openDatabase(config.database).catch((error: unknown) => {
    chain.close();
    throw error;
  });
  log(`database: ${config.database.kind === "pglite" ? `PGlite in ${config.database.dataDir}` : "PostgreSQL"}, migrations applied`);

  const clock = (): Date => new Date();
  const accessLog = new AccessLog(new TypeOrmAccessLogStore(dataSource), clock);
  const recordStore = new TypeOrmRecordStore(dataSource);
  const authStore = new TypeOrmAuthStore(dataSource);
  const auth = new AuthService(authStore, chain, {
    publicUrl: config.publicUrl,
    chainId: Number(chain.chainId),
    challengeTtlSeconds: config.challengeTtlSeconds,
    sessionTtlSeconds: config.sessionTtlSeconds,
    signingKey: KeyRing.derive(config.masterKey, "session-signing"),
  });
  const keys = new KeyRing(config.masterKey);
  const anchors = new AnchorService(
    new TypeOrmAnchorStore(dataSource),
    chain,
    { batchSize: config.anchorBatchSize, settleSeconds: config.anchorSettleSeconds },
    clock,
  );
  const consentStore = new TypeOrmConsentStore(dataSource);
  const consent = new ConsentService(
    consentStore,
    recordStore,
    chain,
    keys,
    accessLog,
    { breakGlassSeconds: config.breakGlassSeconds },
    clock,
  );
  const chainSync = new ChainSyncService(
    chain,
    new TypeOrmSettingsStore(dataSource),
    consentStore,
    auth,
    async (address) => (await authStore.findAccount(address)) !== null,
    clock,
  );
  const proofs = new EligibilityChecker(config.circuitsDir);
  const studyStore = new TypeOrmStudyStore(dataSource);
  const researchStore = new TypeOrmResearchStore(dataSource);
  const systemReader = new SystemRecordReader(recordStore, keys);
  const studies = new StudyService(studyStore, chain, proofs, accessLog, clock);
  const services: Services = {
    health: new HealthService(new DataSourceProbe(dataSource, config.database.kind), chain, circuits),
    auth,
    roleAdmin: new RoleAdminService(chain, auth, accessLog),
    accessLog,
    recordStore,
    consent,
    anchors,
    chainSync,
    credentials: new CredentialService(
      new TypeOrmCredentialStore(dataSource),
      recordStore,
      systemReader,
      keys,
      new BabyJubJubSigner(config.issuerKey),
      accessLog,
      clock,
    ),
    enrollment: new EnrollmentService(studyStore, studies, chain, proofs, recordStore, accessLog, clock),
    studies,
    cohorts: new CohortService(researchStore, studies, systemReader, accessLog, clock),
    releases: new ReleaseService(researchStore, studies, studyStore, systemReader, chain, proofs, accessLog, clock),
  };
  const recordDeps: RecordDeps = {
    store: recordStore,
    keys,
    accessLog,
    facts: (patientId) => consent.facts(patientId),
    anchors,
    clock,
    checksum: (address) => chain.checksum(address),
  };

  const server = new ApolloServer<RequestContext>({
    schema: await buildMedLedgerSchema(),
    formatError,
    introspection: !config.production,
    validationRules: [maxDepthRule({ n: MAX_DEPTH })],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: config.host },
    context: async ({ req }) => {
      let actor: Actor | null = null;
      let authError: DomainError | null = null;
      const header = req.headers.authorization;
      if (header) {
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        if (!token) authError = new DomainError("UNAUTHENTICATED", "The Authorization header must be `Bearer <token>`");
        else actor = await auth.authenticate(token).catch((error: unknown) => ((authError = error as DomainError), null));
      }
      return { services, actor, authError, clinical: new ClinicalRepository(recordDeps, actor) };
    },
  }).catch(async (error: unknown) => {
    chain.close();
    await dataSource.destroy();
    throw error;
  });
  const graphqlUrl = new URL("graphql", url.replace("127.0.0.1", "localhost")).toString();
  const stopJobs = startBackgroundJobs(
    [
      { name: "anchoring", run: () => anchors.anchorPending(), unit: "Merkle root(s) anchored on chain" },
      { name: "chain sync", run: () => chainSync.sync(), unit: "change(s) made on chain applied to the mirror" },
    ],
    config.anchorIntervalSeconds,
    log,
  );
  return {
    url: graphqlUrl,
    services,
    dataSource,
    async stop() {
      await stopJobs();
      await server.stop();
      chain.close();
      await dataSource.destroy();
    },
  };
}

interface BackgroundJob {
  name: string;
  /** Runs once; returns how many things it did (batches anchored, changes applied). */
  run(): Promise<number>;
  /** What `run`'s count means, for the log. */
  unit: string;
}

/**
 * The background jobs (anchoring, chain sync), one run after the other every interval. A
 * failed run (chain unreachable, relayer out of funds) changes nothing: anchoring leaves its
 * entries queued in the database, the sync its cursor; the next run catches up. A failure is
 * reported once, not at every run.
 */
function startBackgroundJobs(jobs: BackgroundJob[], intervalSeconds: number, log: (message: string) => void): () => Promise<void> {
  if (intervalSeconds === 0) return async () => undefined;
  const failing = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  const runAll = async (): Promise<void> => {
    for (const job of jobs) {
      try {
        const done = await job.run();
        if (failing.delete(job.name) || done > 0) log(`${job.name}: ${done} ${job.unit}`);
      } catch (error) {
        if (!failing.has(job.name))
          log(`${job.name} postponed (${error instanceof Error ? error.message.split("\n")[0] : "error"}); will retry`);
        failing.add(job.name);
      }
    }
  };
  const timer = setInterval(() => {
    running = running.then(runAll);
  }, intervalSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
