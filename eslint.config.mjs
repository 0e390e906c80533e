// typescript-eslint's recommended rules over the hub's TypeScript; Prettier owns the layout.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "bench-results/", ".data/", ".perf/", "src/dashboard/client/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
    rules: {
      // type-graphql's decorators and federation's __resolveReference take Function-typed classes.
      "@typescript-eslint/no-unsafe-function-type": "off",
      // A shutdown hook declared before the thing it stops exists reads the variable before its one assignment.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests read answers off the wire: JSON whose shape the assertions check, not the types.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.cjs", "test/support/summary-reporter.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
