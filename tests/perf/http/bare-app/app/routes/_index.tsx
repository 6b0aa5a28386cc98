import { useLoaderData } from "@remix-run/react";

/** The bare page: a loader and a component, the least a Remix page can be. */
export function loader() {
  return { title: "Les 1", paragraphs: ["Een korte alinea.", "Nog een alinea."] };
}

export default function Page() {
  const { title, paragraphs } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>{title}</h1>
      {paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
    </main>
  );
}
