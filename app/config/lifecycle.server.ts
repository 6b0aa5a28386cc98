declare global {
  // On globalThis so a development rebuild of this module keeps the state.
  var __stigmavrijShuttingDown: boolean | undefined;
}

/** Set when the process starts its graceful shutdown (server.js): /readyz answers 503 from then on. */
export function markShuttingDown(): void {
  globalThis.__stigmavrijShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return globalThis.__stigmavrijShuttingDown === true;
}
