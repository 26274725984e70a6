import { readFileSync } from "node:fs";

import { renderSchema, SCHEMA_FILE } from "./emit-schema";

describe("api/schema.graphql", () => {
  it("matches the schema the resolvers build (run npm run schema after changing them)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await renderSchema());
  });
});
