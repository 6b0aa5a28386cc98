import type { MessageKey } from "~/i18n";

/** The message key a refused body carries; GeneralErrorBoundary shows it in the reader's language. */
export const UNREADABLE_BODY: MessageKey = "error.400.unreadableBody";

/**
 * The form fields of a POST, for every action that reads a form. `request.formData()` throws
 * when the body is not a form (JSON, text, no Content-Type), when multipart has no boundary or
 * is cut off, and Remix would turn that into a 500; here it is a 400 that says the form could
 * not be read, before the action has changed anything. URL-encoded bodies are also refused when
 * a percent escape is malformed or does not decode to UTF-8, rather than being stored with
 * replacement characters.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  try {
    if (type === "application/x-www-form-urlencoded") return strictUrlEncodedForm(await request.arrayBuffer());
    if (type === "multipart/form-data") return await request.formData();
  } catch (error) {
    // A client that went away, or a body cut off by server.js's size cap, is not a bad form.
    if (request.signal.aborted) throw error;
  }
  throw unreadableBody();
}

export function unreadableBody(): Response {
  return new Response(UNREADABLE_BODY, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function strictUrlEncodedForm(body: ArrayBuffer): FormData {
  const form = new FormData();
  const text = UTF8.decode(body);
  if (text === "") return form;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const separator = pair.indexOf("=");
    const [name, value] = separator === -1 ? [pair, ""] : [pair.slice(0, separator), pair.slice(separator + 1)];
    // decodeURIComponent throws URIError for "%", "%zz" and escapes that are not UTF-8.
    form.append(decodeURIComponent(name.replaceAll("+", " ")), decodeURIComponent(value.replaceAll("+", " ")));
  }
  return form;
}
