/**
 * Limits on what one request may ask, so that one signed-in (or anonymous) caller can neither
 * take the process down nor starve everyone else:
 *
 * - GraphQL Armor (maintained, field-tested): depth, aliases, tokens, directives and a cost
 *   limit computed before execution; field suggestions are not leaked.
 * - Expensive fields (exports, verifications, imports, cohort counts, releases): at most one
 *   per operation, and they draw on a per-account budget (see rate-limits.ts).
 * - Every variable and literal is checked before any resolver runs: no NUL characters (which
 *   PostgreSQL text cannot hold) and no JSON nested deeper than MAX_JSON_DEPTH.
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule, type ValueNode } from "graphql";

export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

/**
 * maxCost uses GraphQL Armor's model: 2 per object, 1 per scalar, x1.5 per level, times a literal `first`/`last`;
 * a 500-record page with a dozen fields costs about 9,000, a 500-entry access-log page with proofs about 30,000.
 * Page sizes passed as variables are capped by the resolvers (500).
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 50_000 };

/** Fields that read or verify a whole chart, log or population, or write many rows. */
export const EXPENSIVE_FIELDS = new Set([
  "exportPatient",
  "verifyAccessLog",
  "verifyRecordIntegrity",
  "importBundle",
  "cohortCount",
  "release",
  "releaseReview",
  "prepareRelease",
  "anchorNow",
  "enroll",
  "withdraw",
  "shareWithStudy",
  "issueCredential",
  // Reads the chain's vote logs since deployment.
  "studyVotes",
  // Resolves the claim's citations in the chart, recomputes their hashes, waits for the chain.
  "submitClaim",
]);

/** JSON nested deeper than this (resources, bundles, variables) is refused before it is parsed further. */
export const MAX_JSON_DEPTH = 64;

const badInput = (message: string): GraphQLError => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

/** At most one expensive field per operation (aliases of it included). */
export const oneExpensiveFieldRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let seen = 0;
  return {
    OperationDefinition: {
      enter() {
        seen = 0;
      },
    },
    Field(node) {
      if (!EXPENSIVE_FIELDS.has(node.name.value)) return;
      seen++;
      if (seen === 2) {
        context.reportError(
          new GraphQLError(
            `Only one expensive field (${[...EXPENSIVE_FIELDS].sort().join(", ")}) per request: send ${node.name.value} in its own request.`,
            { nodes: [node], extensions: { code: "BAD_USER_INPUT" } },
          ),
        );
      }
    },
  };
};

/** Throws BAD_USER_INPUT for a NUL character or JSON nested deeper than MAX_JSON_DEPTH; iterative (no stack overflow). */
export function checkInputValue(value: unknown, where: string): void {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes("\u0000")) throw badInput(`${where} contains a NUL character (\\u0000), which no field accepts`);
    } else if (current !== null && typeof current === "object") {
      if (depth >= MAX_JSON_DEPTH) throw badInput(`${where} is nested deeper than ${MAX_JSON_DEPTH} levels`);
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\u0000")) throw badInput(`${where} contains a NUL character (\\u0000), which no field accepts`);
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
}

/** Literal arguments in the query text: the same NUL check as variables. */
export const noNulLiteralsRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  StringValue(node: ValueNode & { value: string }) {
    if (node.value.includes("\u0000")) {
      context.reportError(
        new GraphQLError("A string argument contains a NUL character (\\u0000), which no field accepts", {
          nodes: [node],
          extensions: { code: "BAD_USER_INPUT" },
        }),
      );
    }
  },
});

/** Checks the request's variables before execution. */
export const inputSanityPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        if (request.variables) checkInputValue(request.variables, "a variable");
      },
    };
  },
};

export function armor(limits: RequestLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    plugins: [...plugins, inputSanityPlugin],
    validationRules: [...validationRules, oneExpensiveFieldRule, noNulLiteralsRule],
  };
}
