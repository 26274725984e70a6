/** Health of the running system: database, chain and circuits, for operators and the portal. */

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseProbe {
  readonly kind: DatabaseKind;
  ping(): Promise<boolean>;
}

export interface DeployedContractInfo {
  name: string;
  address: string;
}

export interface ChainStatusSource {
  readonly chainId: string;
  contracts(): DeployedContractInfo[];
  /** null when the node does not answer. */
  latestBlock(): Promise<number | null>;
}

export interface CircuitInfo {
  name: string;
  constraints: number;
  publicSignals: number;
  verifierContract: string;
  verificationKeyHash: string;
  /** "development": keys from the public beacon (anyone can forge proofs); "ceremony": a real phase 2 (scripts/ceremony.ts). */
  setup: "development" | "ceremony";
}

export interface HealthReport {
  ok: boolean;
  database: { kind: DatabaseKind; reachable: boolean };
  chain: { chainId: string; reachable: boolean; latestBlock: number | null; contracts: DeployedContractInfo[] };
  circuits: CircuitInfo[];
  /** Whether this process runs the background jobs (several processes on one PostgreSQL elect one). */
  backgroundJobs: boolean;
}

export class HealthService {
  constructor(
    private readonly database: DatabaseProbe,
    private readonly chain: ChainStatusSource,
    private readonly circuits: CircuitInfo[],
    private readonly runsBackgroundJobs: () => boolean = () => false,
  ) {}

  async report(): Promise<HealthReport> {
    const [reachable, latestBlock] = await Promise.all([this.database.ping(), this.chain.latestBlock()]);
    return {
      ok: reachable && latestBlock !== null,
      database: { kind: this.database.kind, reachable },
      chain: { chainId: this.chain.chainId, reachable: latestBlock !== null, latestBlock, contracts: this.chain.contracts() },
      circuits: this.circuits,
      backgroundJobs: this.runsBackgroundJobs(),
    };
  }
}
