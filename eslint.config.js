import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/generated/**",
      "**/next-env.d.ts",
      "test-results/**",
      "bench/results/**",
      "apps/agent/dist/**",
      "apps/console/dist/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        crypto: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "TSInterfaceDeclaration[id.name!=/^(User|Session|ProvidedContext|FastifyRequest|FastifyContextConfig|AppConfig)$/]",
          message: "Use `type` over `interface` (house style).",
        },
      ],
    },
  },
  {
    files: ["apps/console/src/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // UI components talk to services through server actions, never to the database.
    files: ["apps/console/src/**/*.tsx", "apps/console/src/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@helpline/db", message: "UI components never import the Prisma client." }] },
      ],
    },
  },
);
