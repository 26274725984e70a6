/** Entry point of the API process (node api/dist/main.js); npm start runs it for you. */
import { ConfigError, loadConfig } from "./config/config";
import { startApi } from "./server";

const log = (message: string): void => console.log(`[api] ${message}`);

async function main(): Promise<void> {
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
    api.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`✖ ${error.message}`);
  else console.error("✖ The API failed to start:", error);
  process.exit(1);
});
