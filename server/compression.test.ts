import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { compressResponses, servePrecompressed } from "./compression.js";

const page = `<!DOCTYPE html><html><body>${"<p>Stigmavrij les</p>".repeat(400)}</body></html>`;
const script = `console.log(${JSON.stringify("bundle ".repeat(500))});`;

let server: http.Server;
let origin: string;
let assets: string;

beforeAll(async () => {
  assets = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-compression-"));
  fs.writeFileSync(path.join(assets, "entry.js"), script);
  fs.writeFileSync(path.join(assets, "entry.js.br"), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(assets, "entry.js.gz"), zlib.gzipSync(script));

  const app = express();
  app.use(compressResponses());
  app.use("/build", servePrecompressed(assets));
  app.get("/les", (_req, res) => res.type("html").send(page));
  app.get("/data", (_req, res) => res.json({ lessons: Array.from({ length: 200 }, (_, i) => ({ id: i })) }));
  app.get("/scorm-inhoud/pakket/index.html", (_req, res) => res.type("html").send(page));
  app.get("/certificaat.pdf", (_req, res) => res.type("application/pdf").send(Buffer.alloc(4096, 1)));
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(assets, { recursive: true, force: true });
});

/** The raw answer (fetch would decode the body and hide the encoding). */
function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
    const headers = acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {};
    http
      .get(`${origin}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            encoding: res.headers["content-encoding"],
            vary: res.headers.vary,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on("error", reject);
  });
}

describe("compressResponses", () => {
  it("sends HTML as brotli when the client accepts it, and the body decodes to the page", async () => {
    const res = await get("/les", "gzip, deflate, br");
    expect(res.encoding).toBe("br");
    expect(res.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(page);
    expect(res.body.length).toBeLessThan(page.length / 10);
  });

  it("sends gzip to a client without brotli and JSON is compressed too", async () => {
    const html = await get("/les", "gzip");
    expect(html.encoding).toBe("gzip");
    expect(zlib.gunzipSync(html.body).toString()).toBe(page);
    const json = await get("/data", "gzip");
    expect(json.encoding).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(json.body).toString()).lessons).toHaveLength(200);
  });

  it("sends the plain body to a client that asks for no encoding", async () => {
    const res = await get("/les");
    expect(res.encoding).toBeUndefined();
    expect(res.body.toString()).toBe(page);
  });

  it("leaves SCORM package files and already compressed types alone", async () => {
    expect((await get("/scorm-inhoud/pakket/index.html", "br, gzip")).encoding).toBeUndefined();
    expect((await get("/certificaat.pdf", "br, gzip")).encoding).toBeUndefined();
  });
});

describe("servePrecompressed", () => {
  it("serves the build-time .br or .gz sibling by Accept-Encoding", async () => {
    const br = await get("/build/entry.js", "gzip, br");
    expect(br.encoding).toBe("br");
    expect(br.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await get("/build/entry.js", "gzip");
    expect(gz.encoding).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get("/build/entry.js");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });
});
