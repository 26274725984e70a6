/** Entry point of the API process (node api/dist/main.js); npm start runs it for you. */
import { ConfigError, loadConfig } from "./config/config";
import { startApi } from "./server";

const log = (message: string): void => console.log(`[api] ${message}`);

/**
 * The last line of defence: a rejection or exception nobody handled (a library's background
 * timer, a socket error event) is logged with its class and message, never its payload, and
 * the process keeps serving. Every known failure is handled where it happens; this guard is
 * for the ones nobody foresaw, so that reads keep working when the chain's RPC misbehaves.
 */
function guardProcess(): void {
  const report = (kind: string) => (error: unknown) => {
    const text = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error).split("\n")[0];
    console.error(`[api] ${kind} (kept serving): ${text.slice(0, 300)}`);
  };
  process.on("unhandledRejection", report("unhandled rejection"));
  process.on("uncaughtException", report("uncaught exception"));
}

async function main(): Promise<void> {
  guardProcess();
  const config = loadConfig();
  const api = await startApi(config, log).catch((error: unknown) => {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new ConfigError(`Port ${config.port} is in use: stop the other process or set PORT.`);
    }
    throw error;
  });
  log(`GraphQL ready at ${api.url}`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    log("shutting down");
    // Requests in flight get 5 s (the HTTP drain); whatever still hangs (an RPC call that never answers) is cut at 8 s.
    setTimeout(() => {
      console.error("[api] shutdown took longer than 8 s: exiting now");
      process.exit(1);
    }, 8000).unref();
    api.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // Started by npm start with an IPC channel: if that process dies (even by SIGKILL), stop too rather than run orphaned.
  if (process.send) process.on("disconnect", shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`✖ ${error.message}`);
  else console.error("✖ The API failed to start:", error);
  process.exit(1);
});
