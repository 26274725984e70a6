/**
 * The portal's typed GraphQL documents, generated from the API's schema (api/schema.graphql) and
 * the `graphql(...)` calls in research-portal/src: `npm run codegen` writes research-portal/src/gql
 * (committed); `npm run lint` fails when it is stale.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "api/schema.graphql",
  documents: ["research-portal/src/**/*.{ts,tsx}", "!research-portal/src/gql/**"],
  ignoreNoDocuments: true,
  generates: {
    "research-portal/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>", SafeInt: "number" },
      },
    },
  },
};

export default config;
