/**
 * The HTTP layer in front of Apollo: express 5 with a bounded JSON body, CORS for the portal,
 * request timeouts, and errors that are always JSON (a malformed or oversized body gets a
 * GraphQL-shaped error, never an HTML page with a stack trace).
 */
import http from "node:http";

import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type NextFunction, type Request, type Response } from "express";

export interface HttpLimits {
  /** Largest request body accepted, in bytes (a bundle import is the largest legitimate body). */
  maxBodyBytes: number;
  /** A request must arrive completely within this time. */
  requestTimeoutMs: number;
}

const jsonError = (res: Response, status: number, code: string, message: string): void => {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** A server that is not listening yet; the Apollo server must be started before `mount`. */
export function createHttpServer(limits: HttpLimits): { app: express.Express; server: http.Server } {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const server = http.createServer(app);
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = Math.min(limits.requestTimeoutMs, 30_000);
  return { app, server };
}

export function mountGraphQL<C extends object>(
  app: express.Express,
  apollo: ApolloServer<C>,
  limits: HttpLimits,
  context: (req: Request) => Promise<C>,
): void {
  app.use(
    "/graphql",
    cors(),
    express.json({ limit: limits.maxBodyBytes }),
    expressMiddleware(apollo, { context: ({ req }) => context(req) }),
  );
  app.use((_req: Request, res: Response) => jsonError(res, 404, "NOT_FOUND", "Not found: GraphQL is served at /graphql"));
  // Body-parser and any other error before Apollo: JSON, no stack, no file paths.
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.type === "entity.too.large")
      return jsonError(res, 413, "BAD_REQUEST", `The request body is larger than ${limits.maxBodyBytes} bytes (MAX_BODY_BYTES)`);
    if (error.type === "entity.parse.failed") return jsonError(res, 400, "BAD_REQUEST", "The request body is not valid JSON");
    if (error.status && error.status >= 400 && error.status < 500) return jsonError(res, error.status, "BAD_REQUEST", "Bad request");
    console.error(`[api] HTTP error: ${error instanceof Error ? error.name : "unknown"}`);
    return jsonError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  });
}
