import type { LoaderFunctionArgs } from "@remix-run/node";

import { isLocale } from "~/domain/constants";
import { dictionary } from "~/i18n/server-messages.server";

const FILE_NAME = /^([a-z]{2})\.([\w-]+)\.json$/;

/**
 * One language's messages as JSON (`/teksten/nl.<version>.json`), which the browser loads once
 * the visitor interacts (app/i18n/client-messages.ts). The version is the content's hash, so the
 * file may be cached for a year; a page from an older release asking for an old version gets the
 * current messages, uncached.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const match = FILE_NAME.exec(params.file ?? "");
  const locale = match?.[1];
  if (!match || !isLocale(locale)) throw new Response("Not found", { status: 404 });
  const { version, json } = dictionary(locale);
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": match[2] === version ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
