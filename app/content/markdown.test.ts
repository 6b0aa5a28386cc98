import { describe, expect, it } from "vitest";

import { createLinkResolver, inlineText, renderMarkdown, slugify } from "./markdown.server";
import type { ContentIndex } from "./markdown.server";

const INDEX: ContentIndex = new Map([
  [
    "01.basis",
    {
      slug: "basis",
      moduleFiles: new Set(["module.md", "module.en.md"]),
      lessonFiles: new Map([
        ["01.wat-is-sekswerk.md", "wat-is-sekswerk"],
        ["01.wat-is-sekswerk.en.md", "wat-is-sekswerk"],
        ["02.stigma.md", "stigma"],
      ]),
    },
  ],
  [
    "02.bank",
    { slug: "bank", moduleFiles: new Set(["module.md"]), lessonFiles: new Map([["03.melden.md", "melden"]]) },
  ],
]);

function render(source: string, startLine = 1) {
  return renderMarkdown(source, { startLine, resolveLink: createLinkResolver(INDEX, "01.basis") });
}

describe("renderMarkdown", () => {
  it("escapes raw HTML instead of rendering it", () => {
    const { html } = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\nText <b>bold</b>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("turns a ```check block into a marker and lists the check with its file line", () => {
    const source = "Tekst.\n\n```check\nwie-zijn-sekswerkers\n```\n\nMeer tekst.\n\n~~~check\ntweede-check\n~~~\n";
    const { html, problems, checks } = render(source, 5);
    expect(problems).toEqual([]);
    expect(checks).toEqual([
      { id: "wie-zijn-sekswerkers", line: 7 },
      { id: "tweede-check", line: 13 },
    ]);
    expect(html).toBe(
      "<p>Tekst.</p>\n<!--check:wie-zijn-sekswerkers-->\n<p>Meer tekst.</p>\n<!--check:tweede-check-->\n",
    );
  });

  it("rejects a check block that does not hold exactly one id, and renders nothing for it", () => {
    const source =
      "```check\nEen Vraag\n```\n\n```check\neen\ntwee\n```\n\n```check\nx--><script>alert(1)</script>\n```\n";
    const { html, problems, checks } = render(source);
    const message = "a check block must hold exactly one check id (lowercase letters, digits and hyphens)";
    expect(problems).toEqual([
      { line: 1, message },
      { line: 5, message },
      { line: 10, message },
    ]);
    expect(checks).toEqual([]);
    expect(html).toBe("");
  });

  it("leaves other fenced code alone", () => {
    const { html, checks } = render("```yaml\ncheck: true\n```\n");
    expect(checks).toEqual([]);
    expect(html).toContain('<pre><code class="language-yaml">check: true');
  });

  it("drops javascript: links", () => {
    expect(render("[klik](javascript:alert(1))").html).not.toContain("href");
  });

  it("rewrites links to lessons in the same module, keeping the anchor", () => {
    const { html, problems } = render("[a](02.stigma.md) [b](01.wat-is-sekswerk.en.md#kop) [c](./02.stigma.md)");
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="/modules/basis/stigma">a</a>');
    expect(html).toContain('<a href="/modules/basis/wat-is-sekswerk#kop">b</a>');
    expect(html).toContain('<a href="/modules/basis/stigma">c</a>');
  });

  it("rewrites links to other modules and their lessons", () => {
    const { html, problems } = render("[m](../02.bank/module.md) [l](../02.bank/03.melden.md#kop) [own](module.en.md)");
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="/modules/bank">m</a>');
    expect(html).toContain('<a href="/modules/bank/melden#kop">l</a>');
    expect(html).toContain('<a href="/modules/basis">own</a>');
  });

  it("reports broken relative links on the line they are written", () => {
    const source =
      "# Kop\n\nEen alinea\nover twee [regels](03.weg.md).\n\n| a | b |\n|---|---|\n| [x](../09.niets/module.md) | y |\n";
    expect(render(source, 10).problems).toEqual([
      { line: 13, message: 'broken link "03.weg.md": no such lesson or module file' },
      { line: 17, message: 'broken link "../09.niets/module.md": no such lesson or module file' },
    ]);
  });

  it("tells screen-reader users, in the file's language, that a web link opens a new window", () => {
    const { html } = renderMarkdown("Zie [Kifid](https://www.kifid.nl) of [les 2](02.stigma.md).", {
      startLine: 1,
      resolveLink: createLinkResolver(INDEX, "01.basis"),
      externalLinkHint: "(opent in een <nieuw> venster)",
    });
    expect(html).toContain(
      '<a href="https://www.kifid.nl" target="_blank" rel="noopener noreferrer">Kifid<span class="visually-hidden"> (opent in een &lt;nieuw&gt; venster)</span></a>',
    );
    expect(html).toContain('<a href="/modules/basis/stigma">les 2</a>');
  });

  it("accepts only well-formed https, mailto and tel links", () => {
    const messages = (source: string) => render(source).problems.map((problem) => problem.message);
    expect(
      messages("[a](https://www.kifid.nl/klacht) [b](mailto:klachtenbalie@sekswerk.info) [c](tel:0800-2000)"),
    ).toEqual([]);
    expect(messages("[a](http://example.nl)")).toEqual(['web link "http://example.nl" must start with https://']);
    expect(messages("[a](https://localhost/x)")).toEqual(['web link "https://localhost/x" has no valid host name']);
    expect(messages("[a](mailto:geen-adres)")).toEqual(['e-mail link "mailto:geen-adres" is not a valid address']);
    expect(messages("[a](tel:bel-ons)")).toEqual(['phone link "tel:bel-ons" is not a valid number']);
    expect(messages("[a](ftp://example.nl/x)")).toEqual([
      'link "ftp://example.nl/x": only https://, mailto: and tel: links or links to course files are allowed',
    ]);
    expect(messages("zie www.example.nl")).toEqual(['web link "http://www.example.nl" must start with https://']);
  });

  it("does not let a path climb out of the courses directory", () => {
    expect(render("[x](../../01.basis/module.md)").problems).toHaveLength(1);
    expect(render("[x](../01.basis)").problems).toHaveLength(1);
  });

  it("opens web links in a new window and leaves other links alone", () => {
    const { html } = render(
      "[ext](https://example.org/a) https://example.nl [mail](mailto:a@b.nl) [site](/modules) [top](#kop)",
    );
    expect(html).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">ext</a>');
    expect(html).toContain(
      '<a href="https://example.nl" target="_blank" rel="noopener noreferrer">https://example.nl</a>',
    );
    expect(html).toContain('<a href="mailto:a@b.nl">mail</a>');
    expect(html).toContain('<a href="/modules">site</a>');
    expect(html).toContain('<a href="#kop">top</a>');
  });

  it("keeps file names in running text as text although .md is a top-level domain", () => {
    expect(render("Zie 02.stigma.md voor meer.").html).toBe("<p>Zie 02.stigma.md voor meer.</p>\n");
  });

  it("gives headings unique, typable ids", () => {
    const { html } = render("## Wat doet *stigma*?\n\n## Wat doet stigma?\n\n### Één `code` kop\n");
    expect(html).toContain('<h2 id="wat-doet-stigma">');
    expect(html).toContain('<h2 id="wat-doet-stigma-1">');
    expect(html).toContain('<h3 id="een-code-kop">');
  });

  it("rejects relative images, which course files cannot serve", () => {
    expect(render("Tekst\n\n![foto](foto.png)").problems).toEqual([
      { line: 3, message: 'image "foto.png" must be an https:// address' },
    ]);
    expect(render("![foto](https://example.org/foto.png)").problems).toEqual([]);
  });

  it("applies typographic quotes", () => {
    expect(render('"hallo"').html).toBe("<p>“hallo”</p>\n");
  });
});

describe("slugify", () => {
  it("reduces text to lowercase ASCII words joined by hyphens", () => {
    expect(slugify("  Privacy & de AVG: wat mag?  ")).toBe("privacy-de-avg-wat-mag");
    expect(slugify("Café-ëigenaar")).toBe("cafe-eigenaar");
    expect(slugify("???")).toBe("");
  });
});

describe("inlineText", () => {
  it("strips inline Markdown and escapes nothing, as titles are rendered as text", () => {
    expect(inlineText("Wat is *sekswerk* en `stigma`?")).toBe("Wat is sekswerk en stigma?");
    expect(inlineText("<b>Vet</b> & zo")).toBe("<b>Vet</b> & zo");
  });
});
