/**
 * Keeps the API's mirror of the chain true when the chain changes without the API: a patient
 * who revokes a consent directly on ConsentRegistry (paying their own gas), or an admin who
 * grants or revokes a role directly on RoleRegistry. A background job reads those events
 * since the last block it saw and applies them.
 */
import type { AuthService } from "./auth/auth.service";

export interface ChainEvents {
  latestBlock(): Promise<number | null>;
  /** Consent ids revoked in blocks [fromBlock, toBlock], with their transactions. */
  consentRevocations(fromBlock: number, toBlock: number): Promise<{ id: string; txHash: string }[]>;
  /** Accounts whose roles changed in blocks [fromBlock, toBlock]. */
  roleChanges(fromBlock: number, toBlock: number): Promise<string[]>;
  /** Where to start on a fresh database: the deployment block. */
  readonly deploymentBlock: number;
}

export interface SyncCursorStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface RevocationSink {
  markRevokedIfActive(id: string, at: Date, txHash: string): Promise<boolean>;
}

const CURSOR = "chainSync.lastBlock";
const MAX_RANGE = 5000;

export class ChainSyncService {
  constructor(
    private readonly chain: ChainEvents,
    private readonly cursor: SyncCursorStore,
    private readonly consents: RevocationSink,
    private readonly auth: AuthService,
    private readonly accountExists: (address: string) => Promise<boolean>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Applies the events since the last run; returns how many changes it applied. */
  async sync(): Promise<number> {
    const latest = await this.chain.latestBlock();
    if (latest === null) throw new Error("the chain does not answer");
    let from = Number((await this.cursor.get(CURSOR)) ?? this.chain.deploymentBlock - 1) + 1;
    let applied = 0;
    while (from <= latest) {
      const to = Math.min(latest, from + MAX_RANGE - 1);
      for (const { id, txHash } of await this.chain.consentRevocations(from, to)) {
        if (await this.consents.markRevokedIfActive(id, this.clock(), txHash)) applied++;
      }
      for (const address of new Set(await this.chain.roleChanges(from, to))) {
        if (await this.accountExists(address)) {
          await this.auth.refreshRoles(address);
          applied++;
        }
      }
      await this.cursor.set(CURSOR, to);
      from = to + 1;
    }
    return applied;
  }
}
