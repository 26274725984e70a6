/**
 * What a browser sees at GET /graphql: a page served by the API itself, with no script and no
 * CDN (Apollo's default page loads Apollo Sandbox from a CDN and is blank offline). It names the
 * endpoint and links to the GraphiQL explorer the research portal serves from its own bundle.
 */
import type { ApolloServerPlugin } from "@apollo/server";

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function landingPage(html: { portalUrl?: string; introspection: boolean }): string {
  const explorer = html.portalUrl ? `${html.portalUrl.replace(/\/$/, "")}/#/explorer` : null;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>MedLedger GraphQL API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}code{background:#f1f3f5;padding:0 .25rem}</style></head>
<body>
<h1>MedLedger GraphQL API</h1>
<p>Send GraphQL requests here with <code>POST</code> and <code>content-type: application/json</code>; sign in with <code>authChallenge</code> and <code>signIn</code> (EIP-4361), then send <code>authorization: Bearer &lt;token&gt;</code>.</p>
${
  explorer
    ? `<p>Explore the schema and run queries in <a href="${escape(explorer)}">GraphiQL, in the research portal</a> (it works offline: it is part of the portal's own bundle, and it uses your portal session).</p>`
    : `<p>The research portal serves a GraphiQL explorer at <code>#/explorer</code> (set <code>PORTAL_URL</code> to link it from here).</p>`
}
${html.introspection ? "" : "<p>Introspection is off on this server (production).</p>"}
<p>The schema is in the repository at <code>api/schema.graphql</code>.</p>
</body>
</html>`;
}

/** Apollo's landing-page hook, answering with the page above. */
export function landingPagePlugin<T extends object>(options: { portalUrl?: string; introspection: boolean }): ApolloServerPlugin<T> {
  const html = landingPage(options);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
