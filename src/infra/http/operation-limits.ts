import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';

/** Limits on what one operation may ask; enforced on HTTP and on WebSocket alike. */
export const OPERATION_LIMITS = { maxDepth: 8, maxAliases: 15, maxTokens: 2000, maxCost: 5000 } as const;

/** The code every limit rejection carries, so a client can tell "too big" from "wrong". */
export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';

/**
 * The limits as an envelop plugin. Depth, aliases and cost are reported as validation errors
 * (HTTP 400, and an error for that operation alone on a WebSocket) instead of being thrown out of
 * validation; the token limit has to stop the parser, so it throws, with the same code.
 */
export function operationLimitsPlugin() {
  const asValidationError = {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            extensions: { code: LIMIT_EXCEEDED },
          }),
        ),
    ],
  };
  return EnvelopArmorPlugin({
    maxDepth: { n: OPERATION_LIMITS.maxDepth, ...asValidationError },
    maxAliases: { n: OPERATION_LIMITS.maxAliases, ...asValidationError },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost, ...asValidationError },
    maxTokens: {
      n: OPERATION_LIMITS.maxTokens,
      onReject: [
        (_context: unknown, error: GraphQLError) => {
          // The parser throws this very error; mark it before it leaves.
          (error.extensions as Record<string, unknown>).code = LIMIT_EXCEEDED;
        },
      ],
    },
  });
}
