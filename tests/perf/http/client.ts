// A small HTTP client for arranging the benchmark's data through the product's own forms: a
// cookie jar per person, same-origin form POSTs, redirects left to the caller.

export interface Person {
  email: string;
  /** "name=value; name=value" as the browser would send it. */
  cookie: string;
  /** The client address the server sees (TRUST_PROXY=1 and X-Forwarded-For), so per-client throttles see many clients. */
  ip: string;
}

export interface Answer {
  status: number;
  location: string | null;
  etag: string | null;
  text: string;
  cookies: string[];
}

/** Name=value pairs from Set-Cookie headers, merged into an existing Cookie header. */
export function mergeCookies(cookie: string, setCookies: readonly string[]): string {
  const jar = new Map<string, string>();
  for (const pair of cookie.split(/;\s*/).filter(Boolean)) {
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  for (const header of setCookies) {
    const pair = header.split(";")[0]!;
    const at = pair.indexOf("=");
    const value = pair.slice(at + 1);
    if (value === "") jar.delete(pair.slice(0, at));
    else jar.set(pair.slice(0, at), value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export class HttpClient {
  constructor(readonly origin: string) {}

  async request(
    path: string,
    options: {
      person?: Person;
      method?: string;
      form?: Record<string, string>;
      body?: BodyInit;
      headers?: Record<string, string>;
      /** Wait and retry a shed request (503 + Retry-After), as arranging data does; off to count it. */
      retryBusy?: boolean;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.person) {
      if (options.person.cookie) headers.Cookie = options.person.cookie;
      headers["X-Forwarded-For"] = options.person.ip;
    }
    let body = options.body;
    const method = options.method ?? (options.form || body ? "POST" : "GET");
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    if (method !== "GET") headers.Origin = this.origin;
    let response = await fetch(`${this.origin}${path}`, { method, headers, body, redirect: "manual" });
    // The server sheds load with 503 + Retry-After (server/overload.js); arranging data waits and retries.
    const retries = options.retryBusy === false ? 0 : 20;
    for (
      let retried = 0;
      retried < retries && response.status === 503 && response.headers.has("retry-after");
      retried++
    ) {
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 500));
      response = await fetch(`${this.origin}${path}`, { method, headers, body, redirect: "manual" });
    }
    const cookies = response.headers.getSetCookie();
    if (options.person && cookies.length > 0) options.person.cookie = mergeCookies(options.person.cookie, cookies);
    return {
      status: response.status,
      location: response.headers.get("location"),
      etag: response.headers.get("etag"),
      text: await response.text(),
      cookies,
    };
  }

  /** Like request, but throws unless the status is one of `expected`. */
  async expect(expected: number[], path: string, options: Parameters<HttpClient["request"]>[1] = {}): Promise<Answer> {
    const answer = await this.request(path, options);
    if (!expected.includes(answer.status)) {
      throw new Error(
        `${options.method ?? (options.form ? "POST" : "GET")} ${path}: ${answer.status}, expected ${expected.join(" or ")}\n${answer.text.slice(0, 500)}`,
      );
    }
    return answer;
  }
}

/** A distinct private address per index, for X-Forwarded-For. */
export function clientAddress(index: number): string {
  return `10.${Math.floor(index / 62_500) % 250}.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`;
}
