// ESLint 9 flat config: the recommended and type-aware rules of typescript-eslint for the
// extension and its tests; the build scripts get the plain JavaScript rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "server/", "node_modules/", "*.vsix"] },
  {
    files: ["scripts/**/*.mjs", "eslint.config.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["src/**/*.ts", "test/**/*.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "no-restricted-imports": "off",
    },
  },
  {
    // The resolution of the server is unit-tested without VS Code: keep `vscode` out of it.
    files: ["src/serverPath.ts", "test/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "vscode", message: "this module runs without VS Code (node --test)" }] }],
    },
  },
  {
    // node:test's describe and test return promises that the runner itself awaits.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-floating-promises": "off" },
  },
);
