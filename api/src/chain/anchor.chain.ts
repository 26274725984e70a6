/** AnchorRegistry: the Merkle roots of the private ledger. */
import type { AnchorChain, AnchorKind } from "../domain/anchoring/anchor.service";

import { ChainFamily } from "./chain-connection";

/** AnchorRegistry.Kind values. */
const ANCHOR_KIND: Record<AnchorKind, number> = { recordVersions: 0, accessLog: 1 };

export class AnchorChainAdapter extends ChainFamily implements AnchorChain {
  async anchorRoot(kind: AnchorKind, root: string, firstSeq: number, lastSeq: number): Promise<{ index: number; txHash: string }> {
    const registry = this.contract("AnchorRegistry");
    const receipt = await this.relay((r) => r.anchor(ANCHOR_KIND[kind], root, firstSeq, lastSeq), "AnchorRegistry", {});
    const event = (receipt.logs as { topics: string[]; data: string }[])
      .map((log: { topics: string[]; data: string }) => registry.interface.parseLog(log))
      .find((parsed) => parsed?.name === "RootAnchored");
    if (!event) throw new Error("RootAnchored event missing from the receipt");
    return { index: Number(event.args.index), txHash: receipt.hash };
  }

  async anchorCount(kind: AnchorKind): Promise<number> {
    return Number(await this.contract("AnchorRegistry").anchorCount(ANCHOR_KIND[kind]));
  }

  async anchorAt(
    kind: AnchorKind,
    index: number,
  ): Promise<{ root: string; firstSeq: number; lastSeq: number; anchoredAt: Date; txHash: string | null }> {
    const a = await this.contract("AnchorRegistry").anchorAt(ANCHOR_KIND[kind], index);
    const txHash = await this.findEvent("AnchorRegistry", (c) => c.filters.RootAnchored(ANCHOR_KIND[kind], index));
    return {
      root: String(a.root),
      firstSeq: Number(a.firstSeq),
      lastSeq: Number(a.lastSeq),
      anchoredAt: new Date(Number(a.anchoredAt) * 1000),
      txHash,
    };
  }

  async anchoredRoot(kind: AnchorKind, index: number): Promise<string | null> {
    const registry = this.contract("AnchorRegistry");
    if (BigInt(index) >= (await registry.anchorCount(ANCHOR_KIND[kind]))) return null;
    return (await registry.anchorAt(ANCHOR_KIND[kind], index)).root as string;
  }
}
