/**
 * Composition root: opens the database, connects the chain, loads the circuits, builds the
 * services and serves GraphQL. Used by main.ts and by the integration tests.
 */
import "reflect-metadata";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import type { DataSource } from "typeorm";

import { ChainAdapter, loadDeployment } from "./chain/chain.adapter";
import type { Config } from "./config/config";
import { HealthService } from "./domain/health.service";
import { openDatabase } from "./persistence/data-source";
import { DataSourceProbe } from "./persistence/database-probe";
import { buildMedLedgerSchema } from "./schema/build-schema";
import type { RequestContext, Services } from "./schema/context";
import { formatError } from "./schema/errors";
import { loadCircuitCatalog } from "./zk/circuit-catalog";

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
  const chain = await ChainAdapter.connect(config.rpcUrl, deployment);
  log(`chain ${chain.chainId} at ${config.rpcUrl}: ${chain.contracts().length} contracts found`);
  const dataSource = await openDatabase(config.database).catch((error: unknown) => {
    chain.close();
    throw error;
  });
  log(`database: ${config.database.kind === "pglite" ? `PGlite in ${config.database.dataDir}` : "PostgreSQL"}, migrations applied`);

  const services: Services = {
    health: new HealthService(new DataSourceProbe(dataSource, config.database.kind), chain, circuits),
  };
  const server = new ApolloServer<RequestContext>({
    schema: await buildMedLedgerSchema(),
    formatError,
    introspection: !config.production,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: config.host },
    context: async () => ({ services }),
  }).catch(async (error: unknown) => {
    chain.close();
    await dataSource.destroy();
    throw error;
  });
  const graphqlUrl = new URL("graphql", url.replace("127.0.0.1", "localhost")).toString();
  return {
    url: graphqlUrl,
    services,
    dataSource,
    async stop() {
      await server.stop();
      chain.close();
      await dataSource.destroy();
    },
  };
}
