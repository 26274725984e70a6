/**
 * The circuits the API knows: read from circuits/artifacts (manifest + verification keys),
 * which scripts/build-circuits.ts writes and CI checks against the circuit sources.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { ConfigError } from "../config/config";
import type { CircuitInfo } from "../domain/health.service";

interface ManifestEntry {
  name: string;
  constraints: number;
  publicSignals: number;
  verifierContract: string;
  /** Written by scripts/build-circuits.ts (development) or scripts/ceremony.ts; absent in older manifests (development). */
  setup?: { kind: "development" | "ceremony" };
  sha256: Record<string, string>;
}

export function loadCircuitCatalog(artifactsDir: string): CircuitInfo[] {
  const manifestPath = path.join(artifactsDir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new ConfigError(`No circuit manifest at ${manifestPath}: run npm run build:circuits, or set CIRCUITS_DIR.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { circuits: ManifestEntry[] };
  return manifest.circuits.map((entry) => {
    const vkeyFile = `${entry.name}.vkey.json`;
    const vkeyPath = path.join(artifactsDir, entry.name, vkeyFile);
    if (!existsSync(vkeyPath)) throw new ConfigError(`The verification key ${vkeyPath} is missing: run npm run build:circuits.`);
    const verificationKeyHash = createHash("sha256").update(readFileSync(vkeyPath)).digest("hex");
    if (verificationKeyHash !== entry.sha256[vkeyFile]) {
      throw new ConfigError(`The verification key ${vkeyPath} does not match ${manifestPath}: run npm run build:circuits.`);
    }
    return {
      name: entry.name,
      constraints: entry.constraints,
      publicSignals: entry.publicSignals,
      verifierContract: entry.verifierContract,
      verificationKeyHash: `sha256:${verificationKeyHash}`,
      setup: entry.setup?.kind === "ceremony" ? "ceremony" : "development",
    };
  });
}

/** The local development chain, the only one development keys may serve. */
export const DEVELOPMENT_CHAIN_ID = "31337";

/**
 * Development keys come from a public beacon: anyone can compute their toxic waste and forge
 * proofs (enroll without a credential, withdraw someone else). They may serve the local
 * development chain only; anywhere else the API refuses to start.
 */
export function refuseDevelopmentKeys(circuits: CircuitInfo[], chainId: string): void {
  const development = circuits.filter((c) => c.setup === "development").map((c) => c.name);
  if (development.length && chainId !== DEVELOPMENT_CHAIN_ID) {
    throw new ConfigError(
      `The keys of ${development.join(", ")} come from the development setup (public beacon: anyone can forge proofs) and chain ${chainId} is not the local development chain: run the trusted-setup ceremony (npm run ceremony, README "A real ceremony for production") and deploy its verifiers.`,
    );
  }
}
