import type { MetaFunction } from "@remix-run/node";

import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/utils/meta";

/** Any unknown URL: a translated 404 page inside the normal site chrome. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export const meta: MetaFunction = pageMeta;

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
