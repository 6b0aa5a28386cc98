// Lint: TypeScript, React hooks, accessibility, and the capability layering (docs/architecture.md).
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Capability layers, lowest first. A module may import from its own layer and every layer below
 * it, never from a layer above: a learner's actions do not know about their consequences, and
 * consequences do not know about the management screens built on them.
 */
export const LAYERS = [
  ["base", ["config", "db", "domain", "utils", "i18n", "mail", "styles", "jobs"]],
  ["identity", ["auth"]],
  ["content", ["content"]],
  ["learner-actions", ["learning", "assessment", "scorm"]],
  ["learning-events", ["events"]],
  ["consequences", ["certificates", "reports"]],
  ["management", ["organisations", "account", "admin"]],
  ["ui", ["components"]],
  ["app", ["routes"]],
];

const elements = [
  ...LAYERS.flatMap(([layer, folders]) => folders.map((folder) => ({ type: layer, pattern: `app/${folder}` }))),
  // The app shell beside routes/: root.tsx, the entry modules and the wiring of the learning-event
  // service (the one place that hands the certificate and report functions to it).
  // Element patterns name folders; these are single files, which boundaries 7 still matches with
  // the (deprecated) file mode.
  {
    type: "app",
    mode: "file",
    pattern: ["app/root.tsx", "app/entry.*.tsx", "app/learning-events.server*.ts", "app/background-jobs.server*.ts"],
  },
];

const layerPolicies = LAYERS.map(([layer], index) => ({
  from: { element: { type: layer } },
  allow: { to: { element: { types: { anyOf: LAYERS.slice(0, index + 1).map(([lower]) => lower) } } } },
}));

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "node_modules/",
      "data/",
      "scorm-export/",
      "test-results/",
      "playwright-report/",
      "tests/fixtures/",
      ".cache/",
      "tests/perf/http/bare-app/build/",
      "tests/perf/http/bare-app/public/build/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y, boundaries },
    settings: {
      "boundaries/elements": elements,
      "boundaries/include": ["app/**/*"],
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "boundaries/dependencies": ["error", { default: "disallow", policies: layerPolicies }],
      // Every file in app/ belongs to a layer, and so does everything it imports there: a module
      // outside the table above would slip past the layer rule.
      "boundaries/no-unknown-files": "error",
      "boundaries/no-unknown-dependencies": "error",
      // A table that scrolls sideways sits in a named region that takes focus, so keyboard users can
      // scroll it (WCAG 2.1.1; axe's scrollable-region-focusable): a region may carry tabIndex 0.
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true },
      ],
      // One import style: `~/capability/module` across folders, `./module` within one.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Test support, the database URL helper and the HTTP server's modules live outside app/
              // and have no alias.
              regex: "^\\.\\./(?!(\\.\\./)*(tests|prisma|server)/)",
              message: "Import across folders with the ~/ alias (e.g. ~/learning/progress.server).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may reach any layer to set up their data; their set-up helpers are not React hooks.
    files: ["app/**/*.test.{ts,tsx}"],
    rules: { "boundaries/dependencies": "off", "react-hooks/rules-of-hooks": "off" },
  },
);
