import { describe, expect, it } from "vitest";

import { adaptLessonHtml, escapeHtml } from "./html";

const links = { moduleSlug: "basis", lessons: new Set(["wat-is-sekswerk", "stigma"]) };

describe("adaptLessonHtml", () => {
  it("prefixes heading ids and in-lesson anchors with the page id", () => {
    const html = '<h2 id="wat-doet-stigma">Wat doet stigma?</h2>\n<p><a href="#wat-doet-stigma">boven</a></p>';
    expect(adaptLessonHtml(html, "lesson-stigma", links)).toBe(
      '<h2 id="lesson-stigma--wat-doet-stigma">Wat doet stigma?</h2>\n<p><a href="#lesson-stigma--wat-doet-stigma">boven</a></p>',
    );
  });

  it("turns platform links into in-package links, or into text when the target is not in the package", () => {
    const adapt = (href: string) => adaptLessonHtml(`<a href="${href}">tekst <em>hier</em></a>`, "lesson-x", links);
    expect(adapt("/modules/basis/stigma")).toBe('<a href="#lesson-stigma">tekst <em>hier</em></a>');
    expect(adapt("/modules/basis/stigma#kop")).toBe('<a href="#lesson-stigma--kop">tekst <em>hier</em></a>');
    expect(adapt("/modules/basis")).toBe('<a href="#module-intro">tekst <em>hier</em></a>');
    expect(adapt("/modules/bank/melden#kop")).toBe("tekst <em>hier</em>");
    expect(adapt("/modules/basis/verdwenen")).toBe("tekst <em>hier</em>");
    expect(adapt("/beheer")).toBe("tekst <em>hier</em>");
    expect(adapt("mailto:info@example.org")).toBe('<a href="mailto:info@example.org">tekst <em>hier</em></a>');
  });

  it("opens web links in a new window and turns web images into links", () => {
    expect(
      adaptLessonHtml('<a href="https://www.rijksoverheid.nl" rel="noopener noreferrer">Rijksoverheid</a>', "p", links),
    ).toBe('<a href="https://www.rijksoverheid.nl" target="_blank" rel="noopener noreferrer">Rijksoverheid</a>');
    expect(
      adaptLessonHtml('<p><img src="https://example.org/a.png" alt="Een &quot;grafiek&quot;"></p>', "p", links),
    ).toBe(
      '<p><a href="https://example.org/a.png" target="_blank" rel="noopener noreferrer">Een &quot;grafiek&quot;</a></p>',
    );
  });
});

describe("escapeHtml", () => {
  it("escapes every character that could end text or an attribute", () => {
    expect(escapeHtml(`<script>"a" & 'b'</script>`)).toBe(
      "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;",
    );
  });
});
