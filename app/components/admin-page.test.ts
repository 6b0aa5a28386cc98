import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { DataTable, PageHeader, Pagination } from "./admin-page";

const row = (name: string) => createElement("tr", { key: name }, createElement("th", { scope: "row" }, name));

describe("DataTable", () => {
  it("renders column headings in a region named by the caption, and one row per item", () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<string>, {
        caption: "Gebruikers",
        columns: ["Naam", false, "Rol", null],
        rows: ["Anna", "Bram"],
        empty: "Geen gebruikers",
        children: row,
      }),
    );
    expect(html).toMatch(/^<div class="table-wrapper" role="region" aria-labelledby="([^"]+)" tabindex="0">/);
    expect(html).toMatch(/<caption id="[^"]+" class="visually-hidden">Gebruikers<\/caption>/);
    expect(html).toContain('<thead><tr><th scope="col">Naam</th><th scope="col">Rol</th></tr></thead>');
    expect(html).toContain('<tbody><tr><th scope="row">Anna</th></tr><tr><th scope="row">Bram</th></tr></tbody>');
    expect(html).not.toContain("Geen gebruikers");
  });

  it("shows the empty text instead of a table without rows, and an empty table without one", () => {
    const props = { caption: "C", columns: ["A"], rows: [] as string[], children: row };
    expect(renderToStaticMarkup(createElement(DataTable<string>, { ...props, empty: "Nog niets" }))).toBe(
      "<p>Nog niets</p>",
    );
    expect(renderToStaticMarkup(createElement(DataTable<string>, props))).toContain("<tbody></tbody>");
  });

  it("keeps a visible caption when asked", () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<string>, { caption: "C", captionClassName: "", columns: [], rows: ["x"], children: row }),
    );
    expect(html).toMatch(/<caption id="[^"]+" class="">C<\/caption>/);
  });
});

describe("PageHeader and Pagination", () => {
  it("renders the one h1 and the intro paragraph", () => {
    expect(renderToStaticMarkup(createElement(PageHeader, { title: "Titel", intro: "Uitleg" }))).toBe(
      "<h1>Titel</h1><p>Uitleg</p>",
    );
  });

  it("renders nothing for a single page", () => {
    const html = renderToStaticMarkup(
      createElement(Pagination, {
        label: "Pagina's",
        page: 1,
        pageCount: 1,
        href: (p: number) => `?page=${p}`,
        previous: "Vorige",
        next: "Volgende",
        status: "Pagina 1 van 1",
      }),
    );
    expect(html).toBe("");
  });
});
