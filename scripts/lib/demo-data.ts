/**
 * Demo data for the embedded stack: the 45 Synthea patients (test/fixtures), imported by
 * Dr. Alice Adeyemi (demo account 1); three of them are linked to the demo patients' accounts
 * (9, 10, 11), the others are the custodian's population for research counts. Researcher Rosa
 * (4) proposes a demo study that ethics-board members 1 and 2 (6, 7) approve with signed votes.
 * Runs once: skipped when demo patient 9 already has records.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { Contract } from "ethers";

import { connectRpc, demoWallet, readDeployment, root } from "./contracts.ts";
import { graphql, signInWith, signWithEthers, type WalletTypedData } from "./graphql-client.ts";

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
  const importFile = async (file: string, account: string | null) => {
    const bundle = JSON.parse(gunzipSync(readFileSync(path.join(SYNTHEA, file))).toString("utf8")) as unknown;
    const { importBundle } = await graphql<{ importBundle: { patientId: string; created: number } }>(
      url,
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId created } }",
      { b: bundle, a: account },
      doctor,
    );
    return importBundle;
  };
  const demoPatientIds: string[] = [];
  for (const [n, [index, file]] of DEMO_PATIENTS.entries()) {
    const imported = await importFile(file, demoWallet(index).address);
    demoPatientIds.push(imported.patientId);
    // Ids only in logs, never names or clinical content.
    log(
      `imported demo bundle ${n + 1}/${DEMO_PATIENTS.length} for demo account ${index}: ${imported.created} records (patient ${imported.patientId})`,
    );
  }
  const population = readdirSync(SYNTHEA)
    .filter((file) => file.endsWith(".json.gz") && !DEMO_PATIENTS.some(([, linked]) => linked === file))
    .sort();
  for (const [n, file] of population.entries()) {
    await importFile(file, null);
    if ((n + 1) % 10 === 0 || n + 1 === population.length)
      log(`imported ${n + 1}/${population.length} more Synthea patients (research population)`);
  }
  await seedDemoStudy(url, log);
  await seedDemoCoverage(url, demoPatientIds, log);
}

/**
 * Insurer Ines (12) publishes the Harbor Health Plan Gold policy (a suture and a medication
 * reconciliation paid under rules, a colonoscopy only with prior authorisation, anything else to
 * review) and covers the three demo patients from 2010 to 2030.
 */
async function seedDemoCoverage(url: string, patientIds: string[], log: (message: string) => void): Promise<void> {
  const insurer = await signInWith(url, demoWallet(12));
  await graphql(
    url,
    "mutation($i: PolicyInput!) { publishPolicy(input: $i) { id } }",
    {
      i: {
        policyId: "harbor-gold",
        name: "Harbor Health Plan Gold",
        rules: [
          {
            code: "288086009",
            display: "Suture open wound",
            requiredRecordTypes: ["Procedure", "Encounter"],
            maxPerClaim: 1_500_000,
            copay: 5_000,
            coinsurancePercent: 20,
          },
          { code: "428191000124101", display: "Medication reconciliation", copay: 1_000 },
          { code: "73761001", display: "Colonoscopy", priorAuthRequired: true, maxPerClaim: 2_000_000, coinsurancePercent: 10 },
        ],
      },
    },
    insurer,
  );
  for (const patientId of patientIds) {
    await graphql(
      url,
      "mutation($p: ID!, $c: JSONObject!) { registerCoverage(patientId: $p, coverage: $c) { id } }",
      {
        p: patientId,
        c: {
          resourceType: "Coverage",
          status: "active",
          beneficiary: { reference: `Patient/${patientId}` },
          payor: [{ display: "Harbor Health Plan" }],
          period: { start: "2010-01-01", end: "2030-12-31" },
          class: [
            { type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/coverage-class", code: "plan" }] }, value: "harbor-gold" },
          ],
        },
      },
      insurer,
    );
  }
  log(`demo insurer (account 12) published policy harbor-gold and covers the ${patientIds.length} demo patients`);
}

const SYNTHEA = path.join(root, "test", "fixtures", "synthea");

/** Researcher Rosa proposes a study; ethics-board members 1 and 2 approve it with EIP-712 votes. */
async function seedDemoStudy(url: string, log: (message: string) => void): Promise<void> {
  const researcher = await signInWith(url, demoWallet(4));
  const today = new Date().toISOString().slice(0, 10);
  const { proposeStudy } = await graphql<{ proposeStudy: { studyId: string } }>(
    url,
    "mutation($i: StudyProposalInput!) { proposeStudy(input: $i) { studyId } }",
    {
      i: {
        title: "Chronic conditions in adults (demo)",
        purpose: "How chronic conditions accumulate with age in adults, by age band and sex.",
        protocol: "# Demo protocol\n\nRetrospective cohort of adults; de-identified data only; no re-identification attempts.",
        dataUse: ["HMB", "IRB", "PUB"],
        requestedFields: ["ageBand", "sex", "region", "conditions"],
        minCohortSize: 11,
        dpBudget: 1,
        criteria: {
          minAge: 18,
          maxAge: 100,
          referenceDate: today,
          sexes: ["female", "male", "other", "unknown"],
          zip3: [],
          anyOf: [],
          noneOf: [],
        },
      },
    },
    researcher,
  );
  for (const index of [6, 7]) {
    const member = demoWallet(index);
    const token = await signInWith(url, member);
    const { prepareStudyVote } = await graphql<{ prepareStudyVote: { typedData: WalletTypedData } }>(
      url,
      "mutation($s: String!) { prepareStudyVote(studyId: $s, approve: true) { typedData } }",
      { s: proposeStudy.studyId },
      token,
    );
    const signature = await signWithEthers(member, prepareStudyVote.typedData);
    await graphql(
      url,
      "mutation($s: String!, $sig: String!) { castStudyVote(studyId: $s, approve: true, signature: $sig) { status } }",
      { s: proposeStudy.studyId, sig: signature },
      token,
    );
  }
  log(`demo study ${proposeStudy.studyId} proposed by demo account 4 and approved by ethics-board members 6 and 7`);
}
