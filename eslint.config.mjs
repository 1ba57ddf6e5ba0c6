import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import playwright from "eslint-plugin-playwright";
import tseslint from "typescript-eslint";

/** React's rules of hooks, which name any `use…` function a hook: they apply to React code only. */
const reactHooksRules = Object.fromEntries(
  nextVitals
    .flatMap((config) => Object.keys(config.rules ?? {}))
    .filter((rule) => rule.startsWith("react-hooks/"))
    .map((rule) => [rule, "off"]),
);

/**
 * Code that is the built-in marketplace or drives it as a whole; everything else goes through its
 * control plane (admin, and admin-inputs for its schemas). test/architecture/marketplace-wall.test.ts
 * checks the same rule, relative imports included.
 */
const marketplaceSurfaces = ["lib/marketplace/**", "app/api/mturk/**", "app/worker/**", "app/task/**", "instrumentation.ts", "scripts/**", "test/**", "e2e/**", "bench/**", "**/*.test.ts"];

export default defineConfig([
  globalIgnores([".next/**", ".data/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  ...nextVitals,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // JSON leaves are `unknown` once objects are handled; String() of them is the intent.
      "@typescript-eslint/no-base-to-string": ["error", { checkUnknown: false }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    ignores: marketplaceSurfaces,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/lib/marketplace/(?!admin(-inputs)?$)",
              message: "The built-in marketplace is reached through @/lib/marketplace/admin and its schemas in admin-inputs (or @/lib/mturk-formats for shared formats).",
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, in lib/env.ts. NEXT_RUNTIME is set by Next itself for each
    // runtime, so instrumentation.ts reads it directly (lib/env would parse server settings in
    // the edge runtime).
    files: ["app/**", "components/**", "lib/**", "proxy.ts"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through @/lib/env." }],
    },
  },
  {
    // Vitest and Playwright fixtures (`use`, `useHarness`) and server helpers (`useDatabaseUrl`) are not React hooks.
    files: ["**/*.{ts,tsx,mts,cts,js,mjs}"],
    ignores: ["app/**", "components/**"],
    rules: reactHooksRules,
  },
  {
    // Tests assert on values typed `any` by their libraries: asymmetric matchers (`expect.any`,
    // `expect.stringContaining`), response bodies and driver rows. The assertion is the check.
    files: ["**/*.test.ts", "test/**", "e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["e2e/**"],
    extends: [playwright.configs["flat/recommended"]],
    rules: {
      // Playwright fixtures that use no other fixture must still destructure their first argument.
      "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }],
    },
  },
  {
    // This test shows that the page makes no request beyond the template's: network quiet is the condition.
    files: ["e2e/crowd-elements.spec.ts"],
    rules: { "playwright/no-networkidle": "off" },
  },
  {
    // Any command of the MTurk client, its output type inferred from the command's.
    files: ["lib/mturk/send.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-unsafe-return": "off" },
  },
  {
    // Task inputs are arbitrary URLs of the requester's data: shown as they are, never fetched
    // through Next's image optimiser.
    files: ["app/(dashboard)/review/_components/assignment-panel.tsx"],
    rules: { "@next/next/no-img-element": "off" },
  },
]);
