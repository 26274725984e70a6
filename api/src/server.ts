/**
 * Composition root: opens the database, connects the chain, loads the circuits, builds the
 * services and serves GraphQL. Used by main.ts and by the integration tests.
 */
import "reflect-metadata";

import type { AddressInfo } from "node:net";

import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { DataSource } from "typeorm";

import { AnchorChainAdapter } from "./chain/anchor.chain";
import { ClaimsChainAdapter } from "./chain/claims.chain";
import { ChainConnection, loadDeployment } from "./chain/chain-connection";
import { ConsentChainAdapter } from "./chain/consent.chain";
import { EnrollmentChainAdapter } from "./chain/enrollment.chain";
import { ResearchChainAdapter } from "./chain/research.chain";
import { RoleChainAdapter } from "./chain/role.chain";
import type { Config } from "./config/config";
import { KeyRing } from "./crypto/key-ring";
import { AccessLog } from "./domain/access/access-log";
import type { Actor } from "./domain/actors";
import { AuthService } from "./domain/auth/auth.service";
import { RoleAdminService } from "./domain/auth/role-admin.service";
import { AnchorService } from "./domain/anchoring/anchor.service";
import { ChainSyncService } from "./domain/chain-sync.service";
import { ClaimsService } from "./domain/claims/claims.service";
import { ConsentService } from "./domain/consent/consent.service";
import { CredentialService } from "./domain/credentials/credential.service";
import { SystemRecordReader } from "./domain/records/system-reader";
import { DomainError } from "./domain/errors";
import { ChainOutbox, DEFAULT_OUTBOX_SETTINGS } from "./domain/outbox/chain-outbox";
import { HealthService } from "./domain/health.service";
import { EnrollmentService } from "./domain/studies/enrollment.service";
import { StudyService } from "./domain/studies/study.service";
import { CohortService } from "./domain/research/cohort.service";
import { ReleaseService } from "./domain/research/release.service";
import { ResearchIndexer } from "./domain/research/research-indexer";
import { ClinicalRepository, type RecordDeps } from "./domain/records/clinical-repository";
import { TypeOrmAccessLogStore } from "./persistence/access-log.store";
import { TypeOrmAnchorStore } from "./persistence/anchor.store";
import { TypeOrmAuthStore } from "./persistence/auth.store";
import { TypeOrmClaimsStore } from "./persistence/claims.store";
import { TypeOrmConsentStore } from "./persistence/consent.store";
import { TypeOrmCredentialStore } from "./persistence/credential.store";
import { TypeOrmResearchIndexStore } from "./persistence/research-index.store";
import { TypeOrmResearchStore } from "./persistence/research.store";
import { openDatabase } from "./persistence/data-source";
import { DataSourceProbe } from "./persistence/database-probe";
import { clusterLock, Leadership, lockKey, runLock } from "./persistence/cluster-lock";
import { TypeOrmRecordStore } from "./persistence/record.store";
import { TypeOrmSettingsStore } from "./persistence/settings.store";
import { TypeOrmStudyStore } from "./persistence/study.store";
import { TypeOrmOutboxStore } from "./persistence/outbox.store";
import { buildMedLedgerSchema } from "./schema/build-schema";
import type { RequestContext, Services } from "./schema/context";
import { formatError } from "./schema/errors";
import { createHttpServer, mountGraphQL } from "./http/http-server";
import { landingPagePlugin } from "./http/landing-page";
import { rateLimitPlugin } from "./http/rate-limits";
import { armor, DEFAULT_REQUEST_LIMITS } from "./http/request-limits";
import { loadCircuitCatalog, refuseDevelopmentKeys } from "./zk/circuit-catalog";
import { BabyJubJubSigner } from "./zk/credential-signer";
import { EligibilityChecker } from "./zk/eligibility-checker";

export interface RunningApi {
  url: string;
  services: Services;
  dataSource: DataSource;
  stop(): Promise<void>;
}

export async function startApi(config: Config, log: (message: string) => void = () => undefined): Promise<RunningApi> {
  const circuits = loadCircuitCatalog(config.circuitsDir);
  log(`circuits: ${circuits.map((c) => `${c.name} (${c.constraints} constraints)`).join(", ")}`);
  const deployment = loadDeployment(config.deploymentsFile);
  const chain = await ChainConnection.connect(config.rpcUrl, deployment, config.relayerPrivateKey);
  log(`chain ${chain.chainId} at ${config.rpcUrl}: ${chain.contracts().length} contracts found`);
  refuseDevelopmentKeys(circuits, chain.chainId);
  const consentChain = new ConsentChainAdapter(chain);
  const roleChain = new RoleChainAdapter(chain);
  const researchChain = new ResearchChainAdapter(chain);
  const enrollmentChain = new EnrollmentChainAdapter(chain);
  const dataSource = await openDatabase(config.database).catch((error: unknown) => {
    chain.close();
    throw error;
  });
  log(`database: ${config.database.kind === "pglite" ? `PGlite in ${config.database.dataDir}` : "PostgreSQL"}, migrations applied`);

  const clock = (): Date => new Date();
  const accessLog = new AccessLog(new TypeOrmAccessLogStore(dataSource), clock);
  const recordStore = new TypeOrmRecordStore(dataSource);
  const authStore = new TypeOrmAuthStore(dataSource);
  const auth = new AuthService(authStore, roleChain, {
    publicUrl: config.publicUrl,
    chainId: Number(chain.chainId),
    challengeTtlSeconds: config.challengeTtlSeconds,
    sessionTtlSeconds: config.sessionTtlSeconds,
    signingKey: KeyRing.derive(config.masterKey, "session-signing"),
  });
  const keys = new KeyRing(config.masterKey);
  const kind = config.database.kind;
  const schema = config.database.kind === "postgres" ? config.database.schema : undefined;
  const anchors = new AnchorService(
    new TypeOrmAnchorStore(dataSource),
    new AnchorChainAdapter(chain),
    {
      batchSize: config.anchorBatchSize,
      settleSeconds: config.anchorSettleSeconds,
      minBatch: config.anchorMinBatch,
      maxWaitSeconds: config.anchorMaxWaitSeconds,
    },
    clock,
    log,
    runLock(dataSource, kind, lockKey(schema, "anchoring")),
  );
  const outbox = new ChainOutbox(
    new TypeOrmOutboxStore(dataSource),
    DEFAULT_OUTBOX_SETTINGS,
    log,
    clock,
    runLock(dataSource, kind, lockKey(schema, "outbox-relay")),
  );
  // Several API processes on one PostgreSQL: the one holding this lock runs the background jobs.
  const leadership = new Leadership(clusterLock(dataSource, kind, lockKey(schema, "background-jobs")), log);
  const consentStore = new TypeOrmConsentStore(dataSource);
  const consent = new ConsentService(
    consentStore,
    recordStore,
    consentChain,
    keys,
    accessLog,
    { breakGlassSeconds: config.breakGlassSeconds },
    outbox,
    clock,
  );
  const chainSync = new ChainSyncService(
    {
      deploymentBlock: chain.deploymentBlock,
      latestBlock: () => chain.latestBlock(),
      consentRevocations: (from, to) => consentChain.consentRevocations(from, to),
      roleChanges: (from, to) => roleChain.roleChanges(from, to),
    },
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
  // Records written before their query fields existed (decision 0008) are indexed before serving.
  const indexed = await systemReader.indexQueryFields((done) => log(`records: query fields computed for ${done} record(s)`));
  if (indexed > 0) log(`records: ${indexed} record(s) indexed for SQL queries`);
  // Patients registered before the research index existed (decision 0009) are indexed too.
  const researchIndex = new TypeOrmResearchIndexStore(dataSource);
  const subjects = await new ResearchIndexer(recordStore, researchIndex, keys).fillMissing((done) =>
    log(`research index: ${done} patient(s) indexed`),
  );
  if (subjects > 0) log(`research index: ${subjects} patient(s) added`);
  const studies = new StudyService(studyStore, researchChain, proofs, accessLog, outbox, clock);
  const services: Services = {
    health: new HealthService(new DataSourceProbe(dataSource, kind), chain, circuits, () => leadership.runsHere),
    auth,
    roleAdmin: new RoleAdminService(roleChain, auth, accessLog, outbox),
    accessLog,
    recordStore,
    consent,
    anchors,
    outbox,
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
    enrollment: new EnrollmentService(studyStore, studies, enrollmentChain, proofs, recordStore, accessLog, outbox, clock),
    studies,
    cohorts: new CohortService(researchStore, studies, researchIndex, keys, accessLog, clock),
    releases: new ReleaseService(researchStore, studies, studyStore, systemReader, researchChain, proofs, accessLog, outbox, clock),
    claims: new ClaimsService({
      store: new TypeOrmClaimsStore(dataSource),
      chain: new ClaimsChainAdapter(chain),
      records: recordStore,
      keys,
      accessLog,
      facts: (patientId, actor) => consent.facts(patientId, actor),
      anchors,
      outbox,
      clock,
    }),
  };
  const recordDeps: RecordDeps = {
    store: recordStore,
    keys,
    accessLog,
    facts: (patientId, actor) => consent.facts(patientId, actor),
    careRelationships: (doctor, after, limit, at) => consentStore.careRelationships(doctor, after, limit, at),
    anchors,
    clock,
    checksum: (address) => chain.checksum(address),
    maxResourceBytes: config.limits.maxResourceBytes,
    accountRoles: async (address) => {
      try {
        return await roleChain.rolesOf(address);
      } catch {
        return (await authStore.findAccount(address))?.roles ?? [];
      }
    },
    outbox,
  };

  const httpLimits = { maxBodyBytes: config.limits.maxBodyBytes, requestTimeoutMs: 60_000 };
  const http = createHttpServer(httpLimits);
  const limits = armor(DEFAULT_REQUEST_LIMITS);
  const server = new ApolloServer<RequestContext>({
    schema: await buildMedLedgerSchema(),
    formatError,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGINT/SIGTERM; Apollo's own handlers would stop the server a second time and re-raise the signal.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    plugins: [
      ...limits.plugins,
      rateLimitPlugin<RequestContext>(
        config.limits,
        kind === "postgres" ? { kind: "postgres", dataSource, schema: config.database.schema } : { kind: "memory" },
      ),
      landingPagePlugin<RequestContext>({ portalUrl: config.portalUrl, introspection: !config.production }),
      // On stop: refuse new connections, let requests in flight finish for up to 5 s, then close.
      ApolloServerPluginDrainHttpServer({ httpServer: http.server, stopGracePeriodMillis: 5000 }),
    ],
  });
  let url: string;
  try {
    await server.start();
    mountGraphQL(http.app, server, httpLimits, async (req) => {
      let actor: Actor | null = null;
      let authError: DomainError | null = null;
      const header = req.headers.authorization;
      if (header) {
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        if (!token) authError = new DomainError("UNAUTHENTICATED", "The Authorization header must be `Bearer <token>`");
        else actor = await auth.authenticate(token).catch((error: unknown) => ((authError = error as DomainError), null));
      }
      const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
      return { services, actor, authError, ip, clinical: new ClinicalRepository(recordDeps, actor, authError) };
    });
    await new Promise<void>((resolve, reject) => {
      http.server.once("error", reject);
      http.server.listen(config.port, config.host, () => resolve());
    });
    const { port } = http.server.address() as AddressInfo;
    url = `http://${config.host === "127.0.0.1" || config.host === "0.0.0.0" ? "localhost" : config.host}:${port}/`;
  } catch (error) {
    await server.stop().catch(() => undefined);
    chain.close();
    await dataSource.destroy();
    throw error;
  }
  const graphqlUrl = new URL("graphql", url).toString();
  const stopJobs = startBackgroundJobs(
    [
      { name: "anchoring", run: () => anchors.anchorDue(), unit: "Merkle root(s) anchored on chain" },
      { name: "chain sync", run: () => chainSync.sync(), unit: "change(s) made on chain applied to the mirror" },
    ],
    config.anchorIntervalSeconds,
    leadership,
    log,
  );
  const stopOutbox = startBackgroundJobs(
    [{ name: "chain outbox", run: () => outbox.relayDue(), unit: "chain write(s) relayed" }],
    config.outboxIntervalSeconds,
    leadership,
    log,
  );
  return {
    url: graphqlUrl,
    services,
    dataSource,
    async stop() {
      await Promise.all([stopJobs(), stopOutbox()]);
      await leadership.release();
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
 * The background jobs (anchoring, chain sync, the outbox), one run after the other every
 * interval, on the process that holds the jobs' lock (`leadership`: PostgreSQL elects one
 * process; the others ask again at every tick and take over when it dies); a tick while a run is
 * still going is skipped. A failed run (chain unreachable,
 * relayer out of funds) changes nothing: anchoring leaves its entries queued in the database,
 * the sync its cursor, the outbox its intents; the next run catches up. A failure is reported
 * once, not at every run, and never escapes (no unhandled rejection).
 */
function startBackgroundJobs(
  jobs: BackgroundJob[],
  intervalSeconds: number,
  leadership: Leadership,
  log: (message: string) => void,
): () => Promise<void> {
  if (intervalSeconds === 0) return async () => undefined;
  const failing = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  const runAll = async (): Promise<void> => {
    if (!(await leadership.check())) return;
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
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = runAll()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
