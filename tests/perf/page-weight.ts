// `npx tsx tests/perf/page-weight.ts` (after `npm run build`): bytes on the wire for a lesson
// page as a signed-in learner's browser loads it, per Accept-Encoding: the HTML and every script
// it names (module scripts and modulepreload links, and the chunks those import statically).
// Also prints which language's messages the HTML carries. Prints figures; asserts nothing.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

import { hashPassword } from "../../app/auth/password.server";
import { createPrismaClient } from "../../app/db/client.server";
import { startProductionServer } from "./support/production-server";

const PORT = Number(process.env.PAGE_WEIGHT_PORT ?? 3233);
const MODULE = "sekswerk-en-stigma-de-basis";
const LESSON = `/modules/${MODULE}/wat-is-sekswerk`;
const ENCODINGS = ["br", "gzip", "identity"] as const;

// Load shedding off: the figures are bytes, and a busy shared machine must not turn them into 503s.
const server = await startProductionServer({
  port: PORT,
  env: { OVERLOAD_MAX_DELAY_MS: "0", MAX_CONCURRENT_REQUESTS: "0" },
});
try {
  const cookie = await signedInLearner();
  const page = await fetch(`${server.origin}${LESSON}`, { headers: { Cookie: cookie } });
  if (!page.ok) throw new Error(`lesson page answered ${page.status}`);
  const html = await page.text();
  const scripts = await scriptClosure(html);

  console.log(`Lesson page ${LESSON}: ${scripts.length} scripts`);
  console.log("| encoding | HTML bytes | JS bytes | total |");
  console.log("|---|---:|---:|---:|");
  for (const encoding of ENCODINGS) {
    const htmlBytes = await wireBytes(LESSON, encoding, cookie);
    let jsBytes = 0;
    for (const script of scripts) jsBytes += await wireBytes(script, encoding, cookie);
    console.log(`| ${encoding} | ${htmlBytes} | ${jsBytes} | ${htmlBytes + jsBytes} |`);
  }
  const started = performance.now();
  for (let i = 0; i < 20; i += 1) await wireBytes(LESSON, "br", cookie);
  console.log(`lesson page with br: ${((performance.now() - started) / 20).toFixed(1)} ms per request (sequential)`);
  console.log(
    `messages in the HTML: Dutch ${html.includes("Naar de inhoud") ? "yes" : "no"}, English ${html.includes("Skip to content") ? "yes" : "no"}`,
  );
} finally {
  await server.stop();
}

/** A learner created in the scratch database, signed in through the real login form, survey skipped. */
async function signedInLearner(): Promise<string> {
  const db = createPrismaClient(server.databaseUrl);
  const email = `weight-${randomUUID()}@stigmavrij.test`;
  const password = "page-weight-1";
  await db.user.create({
    data: {
      email,
      name: "Page Weight",
      passwordHash: await hashPassword(password),
      role: "learner",
      locale: "nl",
      sector: "bank",
    },
  });
  await db.$disconnect();
  const login = await post("/inloggen", { email, password }, "");
  const cookie = (login.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`login answered ${login.status} without a session cookie`);
  await post(`/modules/${MODULE}/vragenlijst?fase=voor`, { intent: "skip" }, cookie);
  return cookie;
}

function post(pathname: string, form: Record<string, string>, cookie: string) {
  return fetch(`${server.origin}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(form).toString(),
  });
}

/** Scripts the HTML loads, with the chunks they import statically (what the browser fetches before hydrating). */
async function scriptClosure(html: string): Promise<string[]> {
  const found = new Set<string>();
  const queue = [
    ...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g),
    ...html.matchAll(/import\("(\/build\/[^"]+\.js)"\)/g),
  ]
    .map((m) => m[1])
    .filter((p): p is string => !!p);
  for (const match of html.matchAll(/import\s*(?:[\w*{}\s,]+from\s*)?"(\/build\/[^"]+\.js)"/g))
    if (match[1]) queue.push(match[1]);
  while (queue.length > 0) {
    const script = queue.shift() as string;
    if (found.has(script)) continue;
    found.add(script);
    const source = await (await fetch(`${server.origin}${script}`)).text();
    for (const match of source.matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?"(\/build\/[^"]+\.js)"/g))
      if (match[1]) queue.push(match[1]);
  }
  return [...found];
}

/** Bytes of the body as sent (Node's fetch would decode it, so the raw stream is counted via a HEAD-free GET). */
async function wireBytes(pathname: string, encoding: (typeof ENCODINGS)[number], cookie: string): Promise<number> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.origin}${pathname}`,
      { headers: { "Accept-Encoding": encoding, Cookie: cookie } },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve(bytes));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
