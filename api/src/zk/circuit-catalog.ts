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
    };
  });
}
