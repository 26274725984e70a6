/**
 * GraphiQL against the API, from the portal's own bundle (no CDN: it works offline), with the
 * portal's session token when signed in. Loaded on demand: the editor is large, and only this
 * screen needs it.
 */
import "graphiql/setup-workers/vite";
import "graphiql/style.css";

import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { useMemo } from "react";

import type { Api } from "./api";

const START = `# MedLedger's GraphQL API. Sign in with the portal first to run what needs a role.
# Ctrl-Enter runs the query; the documentation is in the book icon on the left.
{
  health {
    ok
    chain {
      chainId
      reachable
    }
  }
}
`;

export default function ExplorerPage({ api, token }: { api: Api; token: string | null }) {
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: api.url, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    [api.url, token],
  );
  return (
    <section aria-label="GraphQL explorer" className="explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={START} />
    </section>
  );
}
