/**
 * `npm run prove`, the patient's CLI: a real credential (EdDSA-Poseidon signature by an
 * issuer key), the patient's secret and a study in words become a Groth16 proof that
 * verifies; a patient who does not meet the criteria gets one clear line and no proof.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { buildEddsa, buildPoseidon } from "circomlibjs";
import * as snarkjs from "snarkjs";

import {
  credentialMessage,
  credentialToJson,
  dayNumber,
  encodeCondition,
  nullifierOf,
  regionOfZip,
  SEX_CODES,
  type CredentialAttributes,
  type PoseidonHash,
} from "../api/src/zk/eligibility-encoding";
import { ROOT } from "./support/stack";

jest.setTimeout(120_000);

const SNOMED = "http://snomed.info/sct";
const SECRET = 31415926535897932384626433n;
const dir = mkdtempSync(path.join(tmpdir(), "medledger-prove-"));
const TODAY = new Date().toISOString().slice(0, 10);

function study(anyOf: { system: string; code: string }[]) {
  return {
    studyId: "42",
    criteria: {
      minAge: 40,
      maxAge: 65,
      referenceDate: TODAY,
      sexes: ["female", "other"],
      zip3: ["021"],
      anyOf,
      noneOf: [{ system: SNOMED, code: "254637007" }],
    },
  };
}

function prove(studyFile: string, out: string) {
  return spawnSync(
    process.execPath,
    [
      path.join(ROOT, "scripts", "prove.ts"),
      "--credential",
      path.join(dir, "credential.json"),
      "--secret",
      path.join(dir, "secret.txt"),
      "--study",
      studyFile,
      "--out",
      out,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "" },
      encoding: "utf8",
    },
  );
}

let poseidon: PoseidonHash;

beforeAll(async () => {
  const built = await buildPoseidon();
  poseidon = (inputs) => built.F.toObject(built(inputs));
  const eddsa = await buildEddsa();
  const issuerKey = Buffer.from("07".repeat(32), "hex");
  const today = dayNumber(TODAY);
  const birth = new Date();
  birth.setUTCFullYear(birth.getUTCFullYear() - 50);
  const attributes: CredentialAttributes = {
    birthDays: dayNumber(birth.toISOString().slice(0, 10)),
    sex: SEX_CODES.female,
    region: regionOfZip("02139"),
    conditions: [encodeCondition(SNOMED, "195967001")],
    issuedDays: today - 30,
    expiresDays: today + 335,
    commitment: poseidon([SECRET]),
  };
  const pub = eddsa.prv2pub(issuerKey);
  const signature = eddsa.signPoseidon(issuerKey, eddsa.F.e(credentialMessage(poseidon, attributes)));
  const credential = credentialToJson({
    ...attributes,
    issuerPublicKey: [eddsa.F.toObject(pub[0]), eddsa.F.toObject(pub[1])],
    signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
  });
  writeFileSync(path.join(dir, "credential.json"), JSON.stringify(credential));
  writeFileSync(path.join(dir, "secret.txt"), `${SECRET}\n`);
  writeFileSync(path.join(dir, "study-asthma.json"), JSON.stringify(study([{ system: SNOMED, code: "195967001" }])));
  writeFileSync(path.join(dir, "study-diabetes.json"), JSON.stringify(study([{ system: SNOMED, code: "44054006" }])));
});
afterAll(async () => {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
});

describe("npm run prove", () => {
  it("proves eligibility locally and writes a proof that verifies, with the enroll calldata", async () => {
    const out = path.join(dir, "proof.json");
    const run = prove(path.join(dir, "study-asthma.json"), out);
    expect(run.stderr).toContain("proving (Groth16)");
    expect(run.status).toBe(0);
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      proof: snarkjs.Groth16Proof;
      publicSignals: string[];
      signals: Record<string, string>;
      enroll: { signals: string[] };
    };
    const vkey = JSON.parse(readFileSync(path.join(ROOT, "circuits", "artifacts", "eligibility", "eligibility.vkey.json"), "utf8"));
    expect(await snarkjs.groth16.verify(vkey, result.publicSignals, result.proof)).toBe(true);
    expect(BigInt(result.signals.nullifier)).toBe(nullifierOf(poseidon, SECRET, 42n));
    expect(result.signals.studyId).toBe("42");
    expect(result.enroll.signals).toEqual(result.publicSignals);
  });

  it("refuses, in one line, a study whose criteria the patient does not meet", () => {
    const out = path.join(dir, "no-proof.json");
    const run = prove(path.join(dir, "study-diabetes.json"), out);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^✖ Not eligible: the credential does not meet the study's criteria/);
    expect(existsSync(out)).toBe(false);
  });

  it("explains its usage when arguments are missing", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "prove.ts")], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Usage: npm run prove -- --credential");
  });
});
