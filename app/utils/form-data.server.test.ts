import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { UNREADABLE_BODY, readFormData } from "./form-data.server";

function post(body: BodyInit, contentType?: string, signal?: AbortSignal) {
  const headers = new Headers();
  if (contentType !== undefined) headers.set("Content-Type", contentType);
  return new Request("http://localhost/registreren", { method: "POST", body, headers, signal });
}

async function refusal(request: Request) {
  const thrown = await readFormData(request).then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  const response = thrown as Response;
  expect(response.status).toBe(400);
  expect(await response.text()).toBe(UNREADABLE_BODY);
}

describe("readFormData", () => {
  it("reads URL-encoded forms, with + as space and UTF-8 escapes", async () => {
    const form = await readFormData(
      post("name=Z%C3%BCleyha+%C3%96z&email=a%40b.nl&leeg=&alleen", "application/x-www-form-urlencoded; charset=UTF-8"),
    );
    expect([...form.entries()]).toEqual([
      ["name", "Züleyha Öz"],
      ["email", "a@b.nl"],
      ["leeg", ""],
      ["alleen", ""],
    ]);
  });

  it("reads multipart forms", async () => {
    const body = new FormData();
    body.set("name", "Eva");
    const form = await readFormData(new Request("http://localhost/x", { method: "POST", body }));
    expect(form.get("name")).toBe("Eva");
  });

  it("refuses a JSON body, a text body and a body without a type", async () => {
    await refusal(post('{"name":"Eva"}', "application/json"));
    await refusal(post("name=Eva", "text/plain"));
    await refusal(post("name=Eva"));
  });

  it("refuses multipart without a boundary or cut off", async () => {
    await refusal(post('--X\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--X--\r\n', "multipart/form-data"));
    await refusal(post('--X\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', "multipart/form-data; boundary=X"));
  });

  it("refuses malformed percent escapes and escapes that are not UTF-8", async () => {
    await refusal(post("password=50%", "application/x-www-form-urlencoded"));
    await refusal(post("name=%zz", "application/x-www-form-urlencoded"));
    await refusal(post("name=Jan%C3%28", "application/x-www-form-urlencoded"));
    await refusal(post(new Uint8Array([0x6e, 0x3d, 0xff]), "application/x-www-form-urlencoded"));
  });

  it("passes the original error on when the request was aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readFormData(post("{}", "multipart/form-data", controller.signal))).rejects.not.toBeInstanceOf(
      Response,
    );
  });
});

describe("route actions", () => {
  it("read forms through readFormData, never request.formData() directly", () => {
    const routes = path.resolve("app/routes");
    const direct = fs
      .readdirSync(routes)
      .filter((file) => /request\.formData\(/.test(fs.readFileSync(path.join(routes, file), "utf8")));
    expect(direct).toEqual([]);
  });
});
