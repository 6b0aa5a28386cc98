import { afterEach, vi } from "vitest";

// An unexpected console.error in a test is a bug the assertions did not catch: fail on it.
afterEach(() => {
  vi.restoreAllMocks();
});

const consoleError = console.error;
console.error = (...args: unknown[]) => {
  consoleError(...args);
  throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
};
