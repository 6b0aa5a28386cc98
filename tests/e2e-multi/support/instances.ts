import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect, request, type APIRequestContext, type BrowserContext } from "@playwright/test";

import { E2E_ORIGIN } from "../../e2e/support/env";

/*
 * The setup scripts/multi-instance.sh started: nginx at E2E_ORIGIN in front of instances a and b,
 * each also reachable on its own port, with pid files and logs in MULTI_RUN_DIR.
 */

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`npm run test:multi\``);
  return value;
}

export type InstanceName = "a" | "b";

/** Each instance's own address ("a=http://localhost:3212 b=http://localhost:3222"). */
export const INSTANCES = Object.fromEntries(
  required("MULTI_INSTANCES")
    .split(" ")
    .map((pair) => pair.split("=") as [InstanceName, string]),
) as Record<InstanceName, string>;

const RUN_DIR = required("MULTI_RUN_DIR");

/** The pid of the instance's server process now (the script starts a new one after a crash). */
export async function instancePid(name: InstanceName): Promise<number> {
  return Number((await readFile(path.join(RUN_DIR, `${name}.pid`), "utf8")).trim());
}

/** The upstream address nginx logs for an instance ("127.0.0.1:3212"). */
export function upstreamOf(name: InstanceName): string {
  return `127.0.0.1:${new URL(INSTANCES[name]).port}`;
}

export interface AccessLogEntry {
  request: string;
  status: number;
  /** What nginx tried, in order ("127.0.0.1:3212, 127.0.0.1:3222" after a retry). */
  upstreams: string[];
  upstreamStatuses: string[];
}

/** nginx's access log in the `stigmavrij` format of deploy/nginx/stigmavrij.conf. */
export async function accessLog(): Promise<AccessLogEntry[]> {
  const text = await readFile(path.join(RUN_DIR, "nginx-access.log"), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const match = /"([^"]*)" (\d{3}) \d+ upstream=(.*) upstream_status=(.*) request_time=/.exec(line);
      if (!match) throw new Error(`unexpected access log line: ${line}`);
      const [, request = "", status, upstreams = "", upstreamStatuses = ""] = match;
      return {
        request,
        status: Number(status),
        upstreams: upstreams.split(/, | : /),
        upstreamStatuses: upstreamStatuses.split(/, | : /),
      };
    });
}

/** The instances that answered the requests logged after `since` entries (by upstream address). */
export async function upstreamsServing(since: number): Promise<Set<string>> {
  const entries = (await accessLog()).slice(since);
  return new Set(entries.flatMap((entry) => entry.upstreams.filter((_, i) => entry.upstreamStatuses[i] !== "502")));
}

/**
 * Sends every request of a browser context to one instance, past nginx, while the pages stay on
 * the public origin (APP_ORIGIN): the browser sends the Origin and cookies a real user's browser
 * sends, and server.js's same-origin check sees nothing unusual. This is nginx choosing that
 * instance for every request, made certain.
 */
export async function pinToInstance(context: BrowserContext, name: InstanceName): Promise<void> {
  await context.unroute(`${E2E_ORIGIN}/**`);
  await context.route(`${E2E_ORIGIN}/**`, async (route) => {
    // Fetched by Playwright with the browser's headers, cookies and body, answered as is
    // (redirects and Set-Cookie included).
    const url = INSTANCES[name] + route.request().url().slice(E2E_ORIGIN.length);
    await route.fulfill({ response: await route.fetch({ url, maxRedirects: 0 }) });
  });
}

/** How many requests nginx has logged so far: unchanged while pinned contexts work. */
export async function nginxRequestCount(): Promise<number> {
  return (await accessLog()).length;
}

/** A signed-in HTTP client through nginx (the login form, as a browser without JavaScript posts it). */
export async function signedInClient(user: { email: string; password: string }): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL: E2E_ORIGIN, extraHTTPHeaders: { Origin: E2E_ORIGIN } });
  const response = await client.post("/inloggen", { form: { email: user.email, password: user.password } });
  expect(new URL(response.url()).pathname, `login of ${user.email}`).toBe("/mijn-leren");
  return client;
}
