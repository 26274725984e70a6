/** The committed circuit keys against the chains they may serve: the real manifest and verification keys. */
import path from "node:path";

import { REPO_ROOT } from "../config/config";
import { loadCircuitCatalog, refuseDevelopmentKeys } from "./circuit-catalog";

describe("development keys", () => {
  const circuits = loadCircuitCatalog(path.join(REPO_ROOT, "circuits", "artifacts"));

  it("are what the repository commits, and the catalog says so", () => {
    expect(circuits.map((c) => [c.name, c.setup])).toEqual([
      ["nullifier-ownership", "development"],
      ["eligibility", "development"],
    ]);
  });

  it("serve the local development chain only: any other chain id is refused before the API starts", () => {
    expect(() => refuseDevelopmentKeys(circuits, "31337")).not.toThrow();
    for (const chainId of ["1", "11155111", "1337"]) {
      expect(() => refuseDevelopmentKeys(circuits, chainId)).toThrow(/development setup .* anyone can forge proofs/);
    }
  });

  it("let ceremony keys serve any chain", () => {
    expect(() =>
      refuseDevelopmentKeys(
        circuits.map((c) => ({ ...c, setup: "ceremony" as const })),
        "1",
      ),
    ).not.toThrow();
  });
});
