/**
 * Anchoring the private ledger on the public one. A system job (not a caller's request)
 * gathers record-version hashes and access-log entry hashes in sequence order, builds a
 * Merkle tree per batch (OpenZeppelin StandardMerkleTree over (uint256 seq, bytes32 hash)),
 * and appends its root to AnchorRegistry: one transaction per batch, not per entry. When the
 * chain is down nothing is lost: unanchored rows simply wait for the next run.
 *
 * The chain is read before every run, never assumed: if a process died after its anchor
 * transaction was mined but before it saved the batch, the next run finds that batch on
 * chain, checks its root against the database, and adopts it instead of anchoring again
 * (which AnchorRegistry would refuse as out of order, forever).
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import { crashPoint } from "../crash-point";
import { inProcessRunLock, type RunLock } from "../run-lock";

export type AnchorKind = "recordVersions" | "accessLog";
export const ANCHOR_KINDS: readonly AnchorKind[] = ["recordVersions", "accessLog"];
const LEAF_ENCODING = ["uint256", "bytes32"];

export interface Leaf {
  seq: number;
  /** 64 hex digits, without 0x. */
  hash: string;
}

export interface BatchRow {
  kind: AnchorKind;
  index: number;
  root: string;
  firstSeq: number;
  lastSeq: number;
  txHash: string;
  anchoredAt: Date;
}

export interface AnchorSettings {
  /** Entries per Merkle root at most. */
  batchSize: number;
  /** Entries younger than this wait for the next run (lets concurrent writes commit first). */
  settleSeconds: number;
  /** The background job anchors once this many entries wait ... */
  minBatch: number;
  /** ... or once the oldest has waited this long. */
  maxWaitSeconds: number;
}

export interface AnchorStore {
  lastBatch(kind: AnchorKind): Promise<BatchRow | null>;
  /** When the first entry after `afterSeq` was written; null when none waits. */
  oldestPendingAt(kind: AnchorKind, afterSeq: number): Promise<Date | null>;
  /** Leaves after `afterSeq` written before `settledBefore`, in seq order. */
  pendingLeaves(kind: AnchorKind, afterSeq: number, settledBefore: Date, limit: number): Promise<Leaf[]>;
  leavesInRange(kind: AnchorKind, firstSeq: number, lastSeq: number): Promise<Leaf[]>;
  saveBatch(batch: BatchRow): Promise<void>;
  batches(kind: AnchorKind): Promise<BatchRow[]>;
  batchContaining(kind: AnchorKind, seq: number): Promise<BatchRow | null>;
  pendingCount(kind: AnchorKind, afterSeq: number): Promise<number>;
}

export interface AnchorChain {
  anchorRoot(kind: AnchorKind, root: string, firstSeq: number, lastSeq: number): Promise<{ index: number; txHash: string }>;
  /** How many batches of this kind the chain holds. */
  anchorCount(kind: AnchorKind): Promise<number>;
  anchorAt(
    kind: AnchorKind,
    index: number,
  ): Promise<{ root: string; firstSeq: number; lastSeq: number; anchoredAt: Date; txHash: string | null }>;
  /** The root on chain for batch `index`, or null if the chain has no such batch. */
  anchoredRoot(kind: AnchorKind, index: number): Promise<string | null>;
}

export interface InclusionProof {
  batchIndex: number;
  root: string;
  txHash: string;
  anchoredAt: Date;
  proof: string[];
}

export interface BatchCheck {
  ok: boolean;
  checked: number;
  firstBadBatch: number | null;
  /** First entry of the first bad batch. */
  firstBadSeq: number | null;
  problem: string | null;
}

const leafValue = (leaf: Leaf): [string, string] => [BigInt(leaf.seq).toString(), `0x${leaf.hash}`];
const toTree = (leaves: Leaf[]) => StandardMerkleTree.of(leaves.map(leafValue), LEAF_ENCODING);

/** Verifies an inclusion proof the way anyone can, with only the leaf, the proof and the on-chain root. */
export function verifyInclusion(root: string, leaf: Leaf, proof: string[]): boolean {
  return StandardMerkleTree.verify(root, LEAF_ENCODING, leafValue(leaf), proof);
}

export class AnchorService {
  constructor(
    private readonly store: AnchorStore,
    private readonly chain: AnchorChain,
    private readonly settings: AnchorSettings,
    private readonly clock: () => Date = () => new Date(),
    private readonly log: (message: string) => void = () => undefined,
    /** One anchoring run at a time, across processes too: two runs would race for the same sequence numbers. */
    private readonly exclusive: RunLock = inProcessRunLock(),
  ) {}

  /**
   * Batches on chain that the database does not record (the process died between the anchor
   * transaction and saving it): each is checked against the database's entries and adopted.
   * A batch that does not match stops anchoring with an error: the ledger was altered.
   */
  private async adopt(kind: AnchorKind): Promise<number> {
    const recorded = ((await this.store.lastBatch(kind))?.index ?? -1) + 1;
    const onChain = await this.chain.anchorCount(kind);
    if (onChain < recorded) {
      throw new Error(`the chain holds ${onChain} ${kind} batches but the database recorded ${recorded}: was the chain reset?`);
    }
    for (let index = recorded; index < onChain; index++) {
      const batch = await this.chain.anchorAt(kind, index);
      const leaves = await this.store.leavesInRange(kind, batch.firstSeq, batch.lastSeq);
      const complete = leaves.length === batch.lastSeq - batch.firstSeq + 1;
      if (!complete || toTree(leaves).root.toLowerCase() !== batch.root.toLowerCase()) {
        throw new Error(
          `${kind} batch ${index} on chain (entries ${batch.firstSeq}–${batch.lastSeq}) does not match the database: anchoring stops until an operator investigates`,
        );
      }
      await this.store.saveBatch({
        kind,
        index,
        root: batch.root,
        firstSeq: batch.firstSeq,
        lastSeq: batch.lastSeq,
        txHash: batch.txHash ?? "",
        anchoredAt: batch.anchoredAt,
      });
    }
    const adopted = onChain - recorded;
    if (adopted > 0)
      this.log(`anchoring: adopted ${adopted} batch(es) of ${kind} found on chain but not recorded (a previous run was cut short)`);
    return adopted;
  }

  /** Anchors every settled, unanchored entry. Returns how many batches were anchored. */
  /** Anchors everything pending now (an admin's anchorNow); 0 when another run (here or in another process) is anchoring. */
  async anchorPending(): Promise<number> {
    return (await this.exclusive.tryRun(() => this.anchorRun(true))) ?? 0;
  }

  /**
   * The background job: anchors a kind once `minBatch` entries wait or the oldest has waited
   * `maxWaitSeconds`, whichever comes first. An anchor transaction costs about the same gas
   * for 1 entry as for 1,024, so waiting for full batches is what makes anchoring cheap; the
   * wait bounds how long an entry goes without an inclusion proof.
   */
  async anchorDue(): Promise<number> {
    return (await this.exclusive.tryRun(() => this.anchorRun(false))) ?? 0;
  }

  private async due(kind: AnchorKind, afterSeq: number, waiting: number): Promise<boolean> {
    if (waiting >= this.settings.minBatch) return true;
    const oldest = await this.store.oldestPendingAt(kind, afterSeq);
    return oldest !== null && oldest.getTime() <= this.clock().getTime() - this.settings.maxWaitSeconds * 1000;
  }

  private async anchorRun(everything: boolean): Promise<number> {
    let anchored = 0;
    for (const kind of ANCHOR_KINDS) {
      await this.adopt(kind);
      for (;;) {
        const last = await this.store.lastBatch(kind);
        const settledBefore = new Date(this.clock().getTime() - this.settings.settleSeconds * 1000);
        const leaves = await this.store.pendingLeaves(kind, last?.lastSeq ?? 0, settledBefore, this.settings.batchSize);
        if (leaves.length === 0) break;
        if (!everything && !(await this.due(kind, last?.lastSeq ?? 0, leaves.length))) break;
        const firstSeq = (last?.lastSeq ?? 0) + 1;
        const lastSeq = leaves.at(-1)!.seq;
        const root = toTree(leaves).root;
        const { index, txHash } = await this.chain.anchorRoot(kind, root, firstSeq, lastSeq);
        crashPoint("anchor-mined");
        await this.store.saveBatch({ kind, index, root, firstSeq, lastSeq, txHash, anchoredAt: this.clock() });
        anchored++;
      }
    }
    return anchored;
  }

  async pending(kind: AnchorKind): Promise<number> {
    const last = await this.store.lastBatch(kind);
    return this.store.pendingCount(kind, last?.lastSeq ?? 0);
  }

  /**
   * Anchored batches' trees, most recently used last. A batch never changes once anchored, and
   * a tree of 1,024 leaves costs about 125 ms of CPU to build: rebuilding it for every page of
   * every patient's access log made proofs the bottleneck under load. If rows were edited after
   * a tree was cached, the proof served no longer matches the entry served: the patient's check
   * fails, so tampering still shows (and `verify` always recomputes from the database).
   */
  private readonly treeCache = new Map<string, { batch: BatchRow; positions: Map<string, number>; tree: ReturnType<typeof toTree> }>();
  private static readonly TREE_CACHE_SIZE = 64;

  private async batchTree(kind: AnchorKind, batch: BatchRow) {
    const key = `${kind}:${batch.index}`;
    const cached = this.treeCache.get(key);
    if (cached && cached.batch.root === batch.root) {
      this.treeCache.delete(key);
      this.treeCache.set(key, cached);
      return cached;
    }
    const tree = toTree(await this.store.leavesInRange(kind, batch.firstSeq, batch.lastSeq));
    const positions = new Map<string, number>();
    for (const [index, value] of tree.entries()) positions.set(String(value[0]), index);
    const entry = { batch, positions, tree };
    this.treeCache.set(key, entry);
    if (this.treeCache.size > AnchorService.TREE_CACHE_SIZE) this.treeCache.delete(this.treeCache.keys().next().value!);
    return entry;
  }

  /** Inclusion proofs of the given entries (null while an entry waits for anchoring); one tree per batch. */
  async proofs(kind: AnchorKind, seqs: readonly number[]): Promise<Map<number, InclusionProof | null>> {
    const result = new Map<number, InclusionProof | null>();
    const trees = new Map<number, { batch: BatchRow; positions: Map<string, number>; tree: ReturnType<typeof toTree> }>();
    for (const seq of seqs) {
      const batch = await this.store.batchContaining(kind, seq);
      if (!batch) {
        result.set(seq, null);
        continue;
      }
      let entry = trees.get(batch.index);
      if (!entry) {
        entry = await this.batchTree(kind, batch);
        trees.set(batch.index, entry);
      }
      const position = entry.positions.get(BigInt(seq).toString());
      result.set(
        seq,
        position === undefined
          ? null
          : {
              batchIndex: batch.index,
              root: batch.root,
              txHash: batch.txHash,
              anchoredAt: batch.anchoredAt,
              proof: entry.tree.getProof(position),
            },
      );
    }
    return result;
  }

  /** Recomputes each anchored batch from the database and compares it with the root on chain. */
  async verify(kind: AnchorKind, onlyBatches?: ReadonlySet<number>): Promise<BatchCheck> {
    let checked = 0;
    for (const batch of await this.store.batches(kind)) {
      if (onlyBatches && !onlyBatches.has(batch.index)) continue;
      const onChain = await this.chain.anchoredRoot(kind, batch.index);
      const bad = (problem: string): BatchCheck => ({
        ok: false,
        checked,
        firstBadBatch: batch.index,
        firstBadSeq: batch.firstSeq,
        problem,
      });
      if (onChain === null) return bad(`batch ${batch.index} is not on chain`);
      if (onChain.toLowerCase() !== batch.root.toLowerCase())
        return bad(`batch ${batch.index}: the recorded root differs from the on-chain root`);
      const leaves = await this.store.leavesInRange(kind, batch.firstSeq, batch.lastSeq);
      if (leaves.length === 0 || toTree(leaves).root.toLowerCase() !== onChain.toLowerCase()) {
        return bad(
          `batch ${batch.index} (entries ${batch.firstSeq}–${batch.lastSeq}) no longer matches its on-chain root: rows were edited, added or removed`,
        );
      }
      checked++;
    }
    return { ok: true, checked, firstBadBatch: null, firstBadSeq: null, problem: null };
  }

  batchContaining(kind: AnchorKind, seq: number): Promise<BatchRow | null> {
    return this.store.batchContaining(kind, seq);
  }
}
