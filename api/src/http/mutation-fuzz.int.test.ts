/**
 * Fuzzing every mutation over HTTP (fast-check): arguments generated from the schema's own
 * types (hostile strings with NUL characters, huge and negative numbers, deep and odd JSON,
 * wrong ids and addresses), sent by callers of every role and by nobody. Whatever the input,
 * the answer is a typed error or a success, never INTERNAL_SERVER_ERROR; and a refused
 * mutation changes nothing in the database (the access log may grow: denials are audited).
 */
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

import { buildMedLedgerSchema } from "../schema/build-schema";
import { startApi, type RunningApi } from "../server";
import {
  createTestDatabase,
  DEMO,
  demoWallet,
  graphql,
  signIn,
  syntheaBundle,
  syntheaFiles,
  testConfig,
  type TestDatabase,
} from "../testing/test-environment";

/** Tables whose content a refused mutation must leave alone (the access log and sign-in bookkeeping may change). */
const GUARDED_TABLES = [
  "patient",
  "record",
  "record_version",
  "consent",
  "access_request",
  "break_glass",
  "chain_outbox",
  "anchor_batch",
  "study",
  "enrollment",
  "credential",
  "claim_policy",
  "coverage",
  "claim",
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "0x", "0x" + "f".repeat(40), "0x" + "0".repeat(64), "-1", "1e309", "NaN", "null"),
  fc.constantFrom("00000000-0000-4000-8000-000000000000", "not-a-uuid", "'; DROP TABLE patient; --", "9".repeat(90)),
  fc.string({ minLength: 2000, maxLength: 3000 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).filter((v) => typeof v === "object" && v !== null && !Array.isArray(v)),
  fc.constant({ resourceType: "Patient", name: [{ family: "A\u0000B" }] }),
  fc.constant({ resourceType: "Bundle", type: "collection", entry: [null] }),
  fc.constant({ resourceType: "Condition", code: { coding: [{ system: 1, code: {} }] } }),
  fc.constant({ resourceType: "Observation", status: "final", valueQuantity: { value: 1e308 } }),
  fc.constant({ pi_a: ["1", "2"], pi_b: [["x"]], pi_c: [] }),
);

/** An arbitrary for a GraphQL input type, hostile within (and sometimes past) its declared type. */
function arbitraryFor(type: GraphQLInputType, schema: GraphQLSchema, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryFor(type.ofType, schema, depth);
  const nullable = (a: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) return nullable(fc.array(arbitraryFor(type.ofType, schema, depth + 1), { maxLength: depth > 1 ? 2 : 5 }));
  if (isEnumType(type)) return nullable(fc.constantFrom(...type.getValues().map((v) => v.value as unknown)));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return nullable(fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryFor(f.type, schema, depth + 1)]))));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return nullable(fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2147483647, -2147483648)));
      case "SafeInt":
        return nullable(fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER)));
      case "Float":
        return nullable(fc.double({ noNaN: true }));
      case "Boolean":
        return nullable(fc.boolean());
      case "JSONObject":
      case "JSON":
        return nullable(hostileJson);
      case "DateTimeISO":
        return nullable(
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.constantFrom("2099-13-45", "yesterday"),
          ),
        );
      default:
        return nullable(hostileString);
    }
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

describe("fuzzing every mutation", () => {
  let db: TestDatabase;
  let api: RunningApi;
  let schema: GraphQLSchema;
  const tokens: (string | undefined)[] = [undefined];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.database));
    schema = await buildMedLedgerSchema();
    for (const who of [DEMO.admin, DEMO.doctorA, DEMO.patient, DEMO.researcher, DEMO.ethics1, DEMO.issuer]) {
      tokens.push(await signIn(api.url, demoWallet(who)));
    }
    const imported = await graphql(
      api.url,
      "mutation($b: JSONObject!, $a: String) { importBundle(bundle: $b, patientAccount: $a) { patientId } }",
      { b: syntheaBundle(syntheaFiles()[0]), a: demoWallet(DEMO.patient).address },
      tokens[2],
    );
    expect(imported.errors).toBeUndefined();
  });
  afterAll(async () => {
    await api?.stop();
    await db?.cleanup();
  });

  /** A fingerprint of every guarded table's rows. */
  async function snapshot(): Promise<string> {
    const parts: string[] = [];
    for (const table of GUARDED_TABLES) {
      const [row] = (await api.dataSource.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
      )) as {
        n: number;
        h: string;
      }[];
      parts.push(`${table}:${row.n}:${row.h}`);
    }
    return parts.join(" ");
  }

  it("answers every mutation with a typed error or a success, and refusals change nothing", async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(25);
    let requests = 0;
    for (const mutation of mutations) {
      const args = mutation.args;
      const variables = fc.record(Object.fromEntries(args.map((a) => [a.name, arbitraryFor(a.type, schema)])));
      const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
      const passed = args.map((a) => `${a.name}: $${a.name}`).join(", ");
      const returns = getNamedType(mutation.type);
      const selection = isObjectType(returns) ? " { __typename }" : "";
      const query = `mutation${declared ? `(${declared})` : ""} { ${mutation.name}${passed ? `(${passed})` : ""}${selection} }`;
      await fc.assert(
        fc.asyncProperty(variables, fc.nat({ max: tokens.length - 1 }), async (vars, who) => {
          const before = await snapshot();
          const result = await graphql(api.url, query, vars as Record<string, unknown>, tokens[who]);
          requests++;
          const codes = (result.errors ?? []).map((e) => e.extensions?.code);
          expect({ mutation: mutation.name, codes }).not.toEqual(
            expect.objectContaining({ codes: expect.arrayContaining(["INTERNAL_SERVER_ERROR"]) }),
          );
          if (result.errors?.length)
            expect({ mutation: mutation.name, state: await snapshot() }).toEqual({ mutation: mutation.name, state: before });
        }),
        { numRuns: 12, seed: 20261201 },
      );
    }
    expect(requests).toBeGreaterThan(300);
  }, 600_000);
});
