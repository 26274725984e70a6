/** Progress lines for the command-line scripts: "[part] message". */
export function logger(part: string): (message: string) => void {
  return (message) => console.log(`[${part}] ${message}`);
}

/** A failure the user can fix: printed as one line, no stack trace. */
export class UserFacingError extends Error {}

export function exitOnError(error: unknown): never {
  if (error instanceof UserFacingError) console.error(`✖ ${error.message}`);
  else console.error(error);
  process.exit(1);
}
