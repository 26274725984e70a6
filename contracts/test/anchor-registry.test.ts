import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import { deployFixture, ethers, networkHelpers } from "./fixtures.ts";

const RECORD_VERSIONS = 0;
const ACCESS_LOG = 1;

async function anchorFixture() {
  const base = await deployFixture();
  const anchors = await ethers.getContractAt("AnchorRegistry", base.deployment.contracts.AnchorRegistry.address);
  return { ...base, anchors };
}

describe("AnchorRegistry", () => {
  it("appends contiguous batches per kind and emits RootAnchored", async () => {
    const { anchors } = await networkHelpers.loadFixture(anchorFixture);
    const tree = StandardMerkleTree.of(
      [
        [1n, ethers.id("a")],
        [2n, ethers.id("b")],
      ],
      ["uint256", "bytes32"],
    );
    await expect(anchors.anchor(ACCESS_LOG, tree.root, 1, 2))
      .to.emit(anchors, "RootAnchored")
      .withArgs(ACCESS_LOG, 0, tree.root, 1, 2);
    await expect(anchors.anchor(ACCESS_LOG, ethers.id("next"), 3, 10))
      .to.emit(anchors, "RootAnchored")
      .withArgs(ACCESS_LOG, 1, ethers.id("next"), 3, 10);
    await anchors.anchor(RECORD_VERSIONS, ethers.id("records"), 1, 5);
    expect(await anchors.anchorCount(ACCESS_LOG)).to.equal(2n);
    expect(await anchors.anchorCount(RECORD_VERSIONS)).to.equal(1n);
    const first = await anchors.anchorAt(ACCESS_LOG, 0);
    expect([first.root, first.firstSeq, first.lastSeq]).to.deep.equal([tree.root, 1n, 2n]);
  });

  it("refuses gaps, overlaps and empty ranges, so no entry is left out silently", async () => {
    const { anchors } = await networkHelpers.loadFixture(anchorFixture);
    await expect(anchors.anchor(ACCESS_LOG, ethers.ZeroHash, 2, 3))
      .to.be.revertedWithCustomError(anchors, "AnchorOutOfOrder")
      .withArgs(ACCESS_LOG, 1, 2);
    await anchors.anchor(ACCESS_LOG, ethers.ZeroHash, 1, 3);
    await expect(anchors.anchor(ACCESS_LOG, ethers.ZeroHash, 3, 4))
      .to.be.revertedWithCustomError(anchors, "AnchorOutOfOrder")
      .withArgs(ACCESS_LOG, 4, 3);
    await expect(anchors.anchor(ACCESS_LOG, ethers.ZeroHash, 4, 3))
      .to.be.revertedWithCustomError(anchors, "AnchorEmptyRange")
      .withArgs(4, 3);
    await expect(anchors.anchorAt(ACCESS_LOG, 5)).to.be.revertedWithCustomError(anchors, "AnchorUnknown").withArgs(ACCESS_LOG, 5);
  });

  it("accepts anchors from the relayer only", async () => {
    const { anchors, stranger } = await networkHelpers.loadFixture(anchorFixture);
    await expect((anchors.connect(stranger) as typeof anchors).anchor(ACCESS_LOG, ethers.ZeroHash, 1, 1))
      .to.be.revertedWithCustomError(anchors, "AnchorNotRelayer")
      .withArgs(stranger.address);
  });
});
