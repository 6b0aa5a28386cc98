import { redirect, type ActionFunctionArgs } from "@remix-run/node";

/** The bare write: read the posted form and redirect, as the product's form actions do. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return redirect(`/?intent=${encodeURIComponent(String(form.get("intent") ?? ""))}`);
}
