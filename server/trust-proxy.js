// TRUST_PROXY as Express's "trust proxy" setting. `true` is refused: it makes Express take the
// left-most X-Forwarded-For entry, which the client writes itself, so anyone could pick the
// address every per-IP throttle counts against.
import proxyAddr from "proxy-addr";

export const TRUST_PROXY_HELP =
  "give the number of proxies in front of the server (e.g. 1 for one nginx) or their addresses " +
  "(e.g. 127.0.0.1 or 10.0.0.0/8, comma-separated); `true` would let clients choose their own IP address";

/**
 * The "trust proxy" value for Express: false, a hop count, or a list of addresses/subnets.
 * Throws with an explanation for `true` and for anything else it cannot use.
 * @param {string | undefined} value
 * @returns {false | number | string[]}
 */
export function parseTrustProxy(value) {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true") throw new Error(`TRUST_PROXY=true is not accepted: ${TRUST_PROXY_HELP}`);
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10)
      throw new Error(`TRUST_PROXY=${text}: more than 10 proxies is surely a mistake; ${TRUST_PROXY_HELP}`);
    return hops;
  }
  const list = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    // proxy-addr (what Express uses) rejects anything that is not an address, subnet or its
    // named ranges (loopback, linklocal, uniquelocal).
    proxyAddr.compile(list);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY=${text}: ${error instanceof Error ? error.message : String(error)}; ${TRUST_PROXY_HELP}`,
    );
  }
  return list;
}
