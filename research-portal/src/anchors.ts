/**
 * Checks access-log entries the way anyone can, without trusting the API: each entry's Merkle
 * inclusion proof against its batch root (OpenZeppelin StandardMerkleTree of (uint256 seq,
 * bytes32 hash), as api/src/domain/anchoring builds it), and that root against the one
 * AnchorRegistry holds on chain, read through the chain endpoint the portal's config names.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { Contract, JsonRpcProvider } from "ethers";

import type { PortalConfig } from "./api";

export interface AnchoredEntry {
  seq: number;
  entryHash: string;
  anchor?: { batchIndex: number; root: string; proof: string[] } | null;
}

/** AnchorRegistry.Kind.AccessLog */
const ACCESS_LOG_KIND = 1;
const ANCHOR_ABI = [
  "function anchorAt(uint8 kind, uint256 index) view returns (tuple(bytes32 root, uint64 firstSeq, uint64 lastSeq, uint64 anchoredAt))",
];

export type ProofState = "waiting" | "on chain" | "proof only" | "fails";

/** Checks each anchored entry: its inclusion proof against the batch root, and that root against the chain's. */
export async function checkProofs(entries: AnchoredEntry[], chain: PortalConfig["chain"]): Promise<Map<number, ProofState>> {
  const states = new Map<number, ProofState>();
  const registry = chain
    ? new Contract(chain.anchorRegistry, ANCHOR_ABI, new JsonRpcProvider(chain.rpcUrl, undefined, { staticNetwork: true }))
    : null;
  const roots = new Map<number, Promise<string | null>>();
  const onChainRoot = (batch: number) => {
    if (!registry) return Promise.resolve(null);
    let root = roots.get(batch);
    if (!root) {
      root = (registry.anchorAt(ACCESS_LOG_KIND, batch) as Promise<{ root: string }>).then((a) => a.root.toLowerCase()).catch(() => null);
      roots.set(batch, root);
    }
    return root;
  };
  for (const entry of entries) {
    if (!entry.anchor) {
      states.set(entry.seq, "waiting");
      continue;
    }
    const included = StandardMerkleTree.verify(
      entry.anchor.root,
      ["uint256", "bytes32"],
      [String(entry.seq), `0x${entry.entryHash}`],
      entry.anchor.proof,
    );
    if (!included) {
      states.set(entry.seq, "fails");
      continue;
    }
    const root = await onChainRoot(entry.anchor.batchIndex);
    states.set(entry.seq, root === null ? "proof only" : root === entry.anchor.root.toLowerCase() ? "on chain" : "fails");
  }
  return states;
}
