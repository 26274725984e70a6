/** Writes api/schema.graphql, the committed, reviewed form of the GraphQL schema (npm run schema). */
import { writeFileSync } from "node:fs";
import path from "node:path";

import { printSchema } from "graphql";

import { REPO_ROOT } from "../config/config";
import { buildMedLedgerSchema } from "./build-schema";

export const SCHEMA_FILE = path.join(REPO_ROOT, "api", "schema.graphql");

export async function renderSchema(): Promise<string> {
  return `${printSchema(await buildMedLedgerSchema())}\n`;
}

if (require.main === module) {
  renderSchema().then(
    (text) => {
      writeFileSync(SCHEMA_FILE, text);
      console.log(`[schema] wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
