/**
 * Demo data for the embedded stack: three Synthea patients (test/fixtures), imported by
 * Dr. Alice Adeyemi (demo account 1) and linked to the demo patients' accounts (9, 10, 11).
 * Runs once: skipped when demo patient 9 already has records.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { Contract } from "ethers";

import { connectRpc, demoWallet, readDeployment, root } from "./contracts.ts";
import { graphql, signInWith } from "./graphql-client.ts";

const DEMO_PATIENTS: [number, string][] = [
  [9, "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json.gz"],
  [10, "Antonio_Castellanos_6d2eba67-5b4a-403f-a29f-e6da3f1ea963.json.gz"],
  [11, "Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json.gz"],
];

/** Trusts the API's credential issuer key in TrustedIssuerRegistry (demo admin, development chain). */
async function trustDemoIssuer(
  url: string,
  chain: { rpcUrl: string; deploymentsFile: string },
  log: (message: string) => void,
): Promise<void> {
  const { issuer } = await graphql<{ issuer: { keyHash: string } }>(url, "{ issuer { keyHash } }");
  const deployment = await readDeployment(chain.deploymentsFile);
  if (!deployment) return;
  const provider = await connectRpc(chain.rpcUrl);
  try {
    const { address, abi } = deployment.contracts.TrustedIssuerRegistry;
    const registry = new Contract(address, abi, demoWallet(0, provider));
    if (!(await registry.isTrusted(BigInt(issuer.keyHash)))) {
      await (await registry.addIssuer(BigInt(issuer.keyHash), demoWallet(3).address)).wait();
      log(`trusted the API's credential issuer key (hash ${issuer.keyHash.slice(0, 12)}…) for demo account 3`);
    }
  } finally {
    provider.destroy();
  }
}

export async function seedDemoData(
  url: string,
  log: (message: string) => void,
  chain: { rpcUrl: string; deploymentsFile: string },
): Promise<void> {
  await trustDemoIssuer(url, chain, log);
  const firstPatient = await signInWith(url, demoWallet(DEMO_PATIENTS[0][0]));
  const { me } = await graphql<{ me: { patientId: string | null } }>(url, "{ me { patientId } }", {}, firstPatient);
  if (me.patientId) return;
  const doctor = await signInWith(url, demoWallet(1));
  for (const [n, [index, file]] of DEMO_PATIENTS.entries()) {
    const bundle = JSON.parse(gunzipSync(readFileSync(path.join(root, "test", "fixtures", "synthea", file))).toString("utf8")) as unknown;
    const { importBundle } = await graphql<{ importBundle: { patientId: string; created: number } }>(
      url,
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId created } }",
      { b: bundle, a: demoWallet(index).address },
      doctor,
    );
    // Ids only in logs, never names or clinical content.
    log(
      `imported demo bundle ${n + 1}/${DEMO_PATIENTS.length} for demo account ${index}: ${importBundle.created} records (patient ${importBundle.patientId})`,
    );
  }
}
