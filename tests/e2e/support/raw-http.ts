import http from "node:http";

import type { Page } from "@playwright/test";

import { E2E_ORIGIN } from "./env";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A POST whose body is written in chunks with Transfer-Encoding: chunked (no Content-Length),
 * which Playwright's request API cannot send: `prefix` first, then `fillBytes` more bytes of
 * filler (`fill` repeated, "a" by default), then `suffix`. Stops writing as soon as the server answers.
 */
export function postChunked(
  path: string,
  options: {
    contentType: string;
    prefix?: string;
    fill?: Buffer;
    fillBytes: number;
    suffix?: string;
    cookie?: string;
    accept?: string;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(`${E2E_ORIGIN}${path}`, {
      method: "POST",
      headers: {
        Origin: E2E_ORIGIN,
        "Content-Type": options.contentType,
        "Transfer-Encoding": "chunked",
        Accept: options.accept ?? "*/*",
        ...(options.cookie ? { Cookie: options.cookie } : {}),
      },
    });
    request.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = options.fill ?? Buffer.alloc(64 * 1024, "a");
    let left = options.fillBytes;
    if (options.prefix) request.write(options.prefix);
    const write = () => {
      while (!answered && left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!request.write(piece)) {
          request.once("drain", write);
          return;
        }
      }
      if (!answered) request.end(options.suffix ?? "");
    };
    write();
  });
}

/** The page's session cookies as a Cookie header, for requests made outside the browser. */
export async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}
