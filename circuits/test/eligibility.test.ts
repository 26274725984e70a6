/**
 * The eligibility circuit with real witnesses and a real Groth16 proof. Every predicate has a
 * patient who fails only that predicate and cannot produce a witness; expected values come
 * from the TypeScript encoding (api/src/zk/eligibility-encoding.ts), not from the circuit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { buildEddsa, buildPoseidon, type Eddsa } from "circomlibjs";
import * as snarkjs from "snarkjs";

import {
  ageWindow,
  conditionSet,
  conditionSetHash,
  credentialMessage,
  dayNumber,
  ELIGIBILITY_PARAMS,
  ELIGIBILITY_PUBLIC_SIGNALS,
  eligibilityInput,
  encodeCondition,
  issuerKeyHash,
  nullifierOf,
  regionOfZip,
  sexMask,
  SEX_CODES,
  type Credential,
  type CredentialAttributes,
  type EncodedCriteria,
  type PoseidonHash,
} from "../../api/src/zk/eligibility-encoding";
import { provingKey } from "../../api/src/zk/circuit-artifacts";

const ARTIFACTS = path.resolve(__dirname, "..", "artifacts", "eligibility");
const wasm = path.join(ARTIFACTS, "eligibility.wasm");
const zkey = provingKey(path.dirname(ARTIFACTS), "eligibility");
const vkey = JSON.parse(readFileSync(path.join(ARTIFACTS, "eligibility.vkey.json"), "utf8"));
const SOURCE = readFileSync(path.resolve(__dirname, "..", "src", "eligibility.circom"), "utf8");
const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const SNOMED = "http://snomed.info/sct";
const ASTHMA = encodeCondition(SNOMED, "195967001");
const DIABETES = encodeCondition(SNOMED, "44054006");
const HYPERTENSION = encodeCondition(SNOMED, "59621000");
const LUNG_CANCER = encodeCondition(SNOMED, "254637007");
/** n distinct made-up codes that no study here names. */
const OTHER_CODES = (n: number): bigint[] => Array.from({ length: n }, (_, i) => encodeCondition(SNOMED, `9${String(i).padStart(8, "0")}`));

let poseidon: PoseidonHash;
let eddsa: Eddsa;
const issuerKey = Buffer.from("01".repeat(32), "hex");
const otherIssuerKey = Buffer.from("02".repeat(32), "hex");
const SECRET = 987654321987654321987654321n;
const STUDY = 7n;
const PROOF_DATE = dayNumber("2026-11-24");

/** The study: women and others aged 40–65 on 2026-11-24, in regions 021/024, with asthma or diabetes, without lung cancer. */
const criteria = (): EncodedCriteria => ({
  ...ageWindow(40, 65, "2026-11-24"),
  sexMask: sexMask(["female", "other"]),
  regions: [regionOfZip("02115"), regionOfZip("02420")],
  required: [ASTHMA, DIABETES],
  excluded: [LUNG_CANCER],
});

function sign(attributes: CredentialAttributes, key = issuerKey): Credential {
  const pub = eddsa.prv2pub(key);
  const signature = eddsa.signPoseidon(key, eddsa.F.e(credentialMessage(poseidon, attributes)));
  return {
    ...attributes,
    issuerPublicKey: [eddsa.F.toObject(pub[0]), eddsa.F.toObject(pub[1])],
    signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
  };
}

const eligible = (): CredentialAttributes => ({
  birthDays: dayNumber("1975-06-01"),
  sex: SEX_CODES.female,
  region: regionOfZip("02115-1234"),
  conditions: [HYPERTENSION, ASTHMA],
  issuedDays: dayNumber("2026-11-01"),
  expiresDays: dayNumber("2027-11-01"),
  commitment: poseidon([SECRET]),
});

const input = (credential: Credential, overrides: { secret?: bigint; criteria?: EncodedCriteria; proofDate?: number } = {}) =>
  eligibilityInput(
    poseidon,
    credential,
    overrides.secret ?? SECRET,
    overrides.criteria ?? criteria(),
    STUDY,
    overrides.proofDate ?? PROOF_DATE,
  );

/** null when a witness exists; otherwise the circuit's report of the failing template and line. */
async function witnessFailure(circuitInput: Record<string, bigint | bigint[]>): Promise<string | null> {
  const reports: string[] = [];
  const spy = jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void reports.push(args.join(" ")));
  try {
    await snarkjs.wtns.calculate(circuitInput, wasm, { type: "mem" });
    return null;
  } catch (error) {
    return `${reports.join("\n")}\n${error instanceof Error ? error.message : String(error)}`;
  } finally {
    spy.mockRestore();
  }
}

const witnessOk = async (circuitInput: Record<string, bigint | bigint[]>): Promise<boolean> =>
  (await witnessFailure(circuitInput)) === null;

beforeAll(async () => {
  const built = await buildPoseidon();
  poseidon = (inputs) => built.F.toObject(built(inputs));
  eddsa = await buildEddsa();
});
afterAll(async () => {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
});

describe("eligibility circuit", () => {
  it("proves an eligible patient and exposes exactly the public signals the encoding names", async () => {
    const credential = sign(eligible());
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input(credential), wasm, zkey);
    expect(await snarkjs.groth16.verify(vkey, publicSignals, proof)).toBe(true);
    const expected: Record<(typeof ELIGIBILITY_PUBLIC_SIGNALS)[number], bigint> = {
      nullifier: nullifierOf(poseidon, SECRET, STUDY),
      criteriaHash: input(credential).criteriaHash as bigint,
      issuerKeyHash: issuerKeyHash(poseidon, credential.issuerPublicKey),
      studyId: STUDY,
      proofDate: BigInt(PROOF_DATE),
    };
    expect(publicSignals.map(BigInt)).toEqual(ELIGIBILITY_PUBLIC_SIGNALS.map((name) => expected[name]));
  });

  it("accepts birth dates exactly at both ends of the age window", async () => {
    const { windowStart, windowEnd } = criteria();
    expect(await witnessOk(input(sign({ ...eligible(), birthDays: windowStart })))).toBe(true);
    expect(await witnessOk(input(sign({ ...eligible(), birthDays: windowEnd })))).toBe(true);
  });

  it("checks every one of 256 conditions: a required code in the last slot counts", async () => {
    const conditions = [...OTHER_CODES(255), DIABETES];
    expect(conditions).toHaveLength(ELIGIBILITY_PARAMS.N_CONDITIONS);
    expect(await witnessOk(input(sign({ ...eligible(), conditions })))).toBe(true);
    expect(() => sign({ ...eligible(), conditions: [...conditions, ASTHMA] })).toThrow(/at most 256 conditions/);
  });

  it("treats empty region and required lists as 'any'", async () => {
    const open = { ...criteria(), regions: [], required: [] };
    expect(await witnessOk(input(sign({ ...eligible(), region: 0, conditions: [] }), { criteria: open }))).toBe(true);
  });

  /** [case, the circuit statement that must refuse it, its input]: each case fails only that predicate. */
  const failing: [string, string, () => Promise<Record<string, bigint | bigint[]>>][] = [
    [
      "one day too young",
      "BoundedLessEq(DAY_BITS)(birthDays, windowEnd);",
      async () => input(sign({ ...eligible(), birthDays: criteria().windowEnd + 1 })),
    ],
    [
      "one day too old",
      "BoundedLessEq(DAY_BITS)(windowStart, birthDays);",
      async () => input(sign({ ...eligible(), birthDays: criteria().windowStart - 1 })),
    ],
    ["a sex the study does not include", "SexAllowed()(sex, sexMask);", async () => input(sign({ ...eligible(), sex: SEX_CODES.male }))],
    ["a sex code outside 1..4", "SexAllowed()(sex, sexMask);", async () => input(sign({ ...eligible(), sex: 5 }))],
    [
      "a region outside the study's",
      "AnyOfOrEmpty(1, N_REGIONS)([region], regions);",
      async () => input(sign({ ...eligible(), region: regionOfZip("10001") })),
    ],
    [
      "none of the required conditions",
      "AnyOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required, requiredMatch);",
      async () => input(sign({ ...eligible(), conditions: [HYPERTENSION] })),
    ],
    [
      "none of the required conditions among 255 others",
      "AnyOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required, requiredMatch);",
      async () => input(sign({ ...eligible(), conditions: conditionSet(OTHER_CODES(256)) })),
    ],
    [
      "a claimed match that is required but not the patient's",
      "AnyOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required, requiredMatch);",
      async () => ({ ...input(sign({ ...eligible(), conditions: [HYPERTENSION] })), requiredMatch: DIABETES }),
    ],
    [
      "a claimed match that is the patient's but not required",
      "AnyOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required, requiredMatch);",
      async () => ({ ...input(sign({ ...eligible(), conditions: [HYPERTENSION] })), requiredMatch: HYPERTENSION }),
    ],
    [
      "a claimed match of 0 (an empty slot against an empty slot)",
      "AnyOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required, requiredMatch);",
      async () => ({ ...input(sign({ ...eligible(), conditions: [HYPERTENSION] })), requiredMatch: 0n }),
    ],
    [
      "an excluded condition",
      "NoneOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, excluded);",
      async () => input(sign({ ...eligible(), conditions: [ASTHMA, LUNG_CANCER] })),
    ],
    [
      // The finding: a credential held 8 codes, newest first, so 8 newer codes pushed an excluded one out.
      "an excluded condition behind 200 newer ones, in the last filled slot",
      "NoneOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, excluded);",
      async () => input(sign({ ...eligible(), conditions: [ASTHMA, ...OTHER_CODES(200), LUNG_CANCER] })),
    ],
    [
      "an excluded condition in slot 256",
      "NoneOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, excluded);",
      async () => input(sign({ ...eligible(), conditions: [ASTHMA, ...OTHER_CODES(254), LUNG_CANCER] })),
    ],
    [
      "a credential with the excluded condition dropped after signing",
      "EdDSAPoseidonVerifier()(1, issuerAx, issuerAy, sigS, sigR8x, sigR8y, message);",
      async () => {
        const signed = sign({ ...eligible(), conditions: [ASTHMA, ...OTHER_CODES(100), LUNG_CANCER] });
        return input({ ...signed, conditions: signed.conditions.filter((c) => c !== LUNG_CANCER) });
      },
    ],
    [
      "an expired credential",
      "BoundedLessEq(DAY_BITS)(proofDate, expiresDays);",
      async () => input(sign({ ...eligible(), expiresDays: PROOF_DATE - 1 })),
    ],
    [
      "a credential issued after the proof date",
      "BoundedLessEq(DAY_BITS)(issuedDays, proofDate);",
      async () => input(sign({ ...eligible(), issuedDays: PROOF_DATE + 1 })),
    ],
    [
      "a forged signature",
      "EdDSAPoseidonVerifier()(1, issuerAx, issuerAy, sigS, sigR8x, sigR8y, message);",
      async () => {
        const credential = sign(eligible());
        return input({ ...credential, signature: { ...credential.signature, S: credential.signature.S + 1n } });
      },
    ],
    [
      "attributes changed after signing",
      "EdDSAPoseidonVerifier()(1, issuerAx, issuerAy, sigS, sigR8x, sigR8y, message);",
      async () => input({ ...sign(eligible()), conditions: [ASTHMA, DIABETES, HYPERTENSION] }),
    ],
    [
      "a credential from another issuer than the trusted one",
      "issuerKeyHash === computedIssuerKeyHash;",
      async () => {
        const circuitInput = input(sign(eligible(), otherIssuerKey));
        const trusted = sign(eligible()).issuerPublicKey;
        return { ...circuitInput, issuerKeyHash: issuerKeyHash(poseidon, trusted) };
      },
    ],
    [
      "someone else's credential (another secret)",
      "commitment === computedCommitment;",
      async () => input(sign(eligible()), { secret: SECRET + 1n }),
    ],
    [
      "criteria other than the study's criteriaHash",
      "criteriaHash === computedCriteriaHash;",
      async () => {
        const loosened = { ...criteria(), excluded: [] };
        return {
          ...input(sign({ ...eligible(), conditions: [ASTHMA, LUNG_CANCER] }), { criteria: loosened }),
          criteriaHash: input(sign(eligible())).criteriaHash,
        };
      },
    ],
    [
      "a birth date beyond 20 bits",
      "BoundedLessEq(DAY_BITS)(windowStart, birthDays);",
      async () => {
        const wrapped = { ...criteria(), windowStart: 0 };
        return input(sign({ ...eligible(), birthDays: Number.MAX_SAFE_INTEGER }), { criteria: wrapped });
      },
    ],
  ];

  it.each(failing)("cannot produce a witness for %s", async (_name, statement, build) => {
    const line = SOURCE.split("\n").findIndex((text) => text.includes(statement)) + 1;
    expect(line).toBeGreaterThan(0);
    const failure = await witnessFailure(await build());
    expect(failure).toMatch(new RegExp(`Error in template Eligibility_\\d+ line: ${line}\\b`));
  });

  it("rejects a birth date of p − 1 even if an issuer signed it (range check, not wrap-around)", async () => {
    const attributes = { ...eligible(), birthDays: 0 };
    const message = poseidon([
      FIELD - 1n,
      BigInt(attributes.sex),
      BigInt(attributes.region),
      conditionSetHash(poseidon, [HYPERTENSION, ASTHMA]),
      BigInt(attributes.issuedDays),
      BigInt(attributes.expiresDays),
      attributes.commitment,
    ]);
    const signature = eddsa.signPoseidon(issuerKey, eddsa.F.e(message));
    const credential = sign(attributes);
    const circuitInput = {
      ...input(credential, { criteria: { ...criteria(), windowStart: 0 } }),
      birthDays: FIELD - 1n,
      sigR8x: eddsa.F.toObject(signature.R8[0]),
      sigR8y: eddsa.F.toObject(signature.R8[1]),
      sigS: signature.S,
    };
    expect(await witnessOk(circuitInput)).toBe(false);
  });

  it("has the pinned size and the parameters of the TypeScript encoding", () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, "..", "artifacts", "manifest.json"), "utf8")) as {
      circuits: { name: string; constraints: number; publicSignals: number }[];
    };
    expect(manifest.circuits.find((c) => c.name === "eligibility")).toMatchObject({
      constraints: 19842,
      publicSignals: ELIGIBILITY_PUBLIC_SIGNALS.length,
    });
    expect(vkey.nPublic).toBe(ELIGIBILITY_PUBLIC_SIGNALS.length);
    const source = SOURCE;
    const { N_CONDITIONS, N_REGIONS, N_CRITERIA_CONDITIONS, DAY_BITS } = ELIGIBILITY_PARAMS;
    expect(source).toContain(
      `public [criteriaHash, issuerKeyHash, studyId, proofDate] } = Eligibility(${N_CONDITIONS}, ${N_REGIONS}, ${N_CRITERIA_CONDITIONS}, ${DAY_BITS});`,
    );
    expect(source).toContain("signal output nullifier;");
  });
});

describe("eligibility encoding", () => {
  it("turns an age range into the birth-day window of people that age on the reference date", () => {
    const { windowStart, windowEnd } = ageWindow(40, 65, "2026-11-24");
    expect(windowEnd).toBe(dayNumber("1986-11-24")); // 40 today
    expect(windowStart).toBe(dayNumber("1960-11-25")); // 65 until tomorrow
  });

  it("encodes conditions as non-zero field elements that differ by system and code", () => {
    expect(encodeCondition(SNOMED, "195967001")).toBeGreaterThan(0n);
    expect(encodeCondition(SNOMED, "195967001")).toBeLessThan(FIELD);
    expect(encodeCondition(SNOMED, "195967001")).not.toBe(encodeCondition("http://hl7.org/fhir/sid/icd-10-cm", "195967001"));
  });
});
