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
      return {
        request: match[1],
        status: Number(match[2]),
        upstreams: match[3].split(/, | : /),
        upstreamStatuses: match[4].split(/, | : /),
      };
    });
}

/** The instances that answered the requests logged after `since` entries (by upstream address). */
export async function upstreamsServing(since: number): Promise<Set<string>> {
  const entries = (await accessLog()).slice(since);
  return new Set(entries.flatMap((entry) => entry.upstreams.filter((_, i) => entry.upstreamStatuses[i] !== "502")));
}

/**
 * Lets a browser context use an instance's own port. server.js accepts a form POST only when its
 * Origin is APP_ORIGIN, the public (nginx) address; a browser on an instance's port sends that
 * port's origin, which no real user ever has. Rewriting it pins a request to one instance as
 * if nginx had sent it there. Cookies are per host, not per port, so the session is the same.
 */
export async function allowDirectInstanceAccess(context: BrowserContext): Promise<void> {
  for (const base of Object.values(INSTANCES)) {
    await context.route(`${base}/**`, (route) =>
      route.request().method() === "GET" || route.request().method() === "HEAD"
        ? route.continue()
        : route.continue({ headers: { ...route.request().headers(), origin: E2E_ORIGIN } }),
    );
  }
}

/** A signed-in HTTP client through nginx (the login form, as a browser without JavaScript posts it). */
export async function signedInClient(user: { email: string; password: string }): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL: E2E_ORIGIN, extraHTTPHeaders: { Origin: E2E_ORIGIN } });
  const response = await client.post("/inloggen", { form: { email: user.email, password: user.password } });
  expect(new URL(response.url()).pathname, `login of ${user.email}`).toBe("/mijn-leren");
  return client;
}
