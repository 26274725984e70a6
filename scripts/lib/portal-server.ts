/**
 * Serves the built research portal (research-portal/dist) and its /config.json, which tells
 * the browser where the GraphQL API is. Static files only: in production any web server or
 * CDN can serve dist/ the same way.
 */
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

import sirv from "sirv";

import { root } from "./contracts.ts";
import { UserFacingError } from "./log.ts";

export interface PortalServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `chain`: an RPC endpoint browsers may use, and the deployments file that names the
 * AnchorRegistry; the portal then checks access-log inclusion proofs against the on-chain roots.
 */
export async function startPortal(
  port: number,
  graphqlUrl: string,
  chain?: { rpcUrl: string; deploymentsFile: string },
): Promise<PortalServer> {
  const dist = path.join(root, "research-portal", "dist");
  if (!existsSync(path.join(dist, "index.html"))) {
    throw new UserFacingError("The research portal is not built: run npm run build (npm start does it for you).");
  }
  const assets = sirv(dist, { single: true, etag: true });
  const anchorRegistry = chain
    ? (JSON.parse(readFileSync(chain.deploymentsFile, "utf8")) as { contracts: Record<string, { address: string }> }).contracts
        .AnchorRegistry?.address
    : undefined;
  const config = JSON.stringify({ graphqlUrl, chain: chain && anchorRegistry ? { rpcUrl: chain.rpcUrl, anchorRegistry } : undefined });
  const server = http.createServer((req, res) => {
    if (req.url?.split("?")[0] === "/config.json") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(config);
      return;
    }
    assets(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new UserFacingError(`Port ${port} is in use: stop what runs there or set PORTAL_PORT to a free port.`)
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // browsers keep connections alive: do not wait for them
      }),
  };
}
