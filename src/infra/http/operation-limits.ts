import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  type ArgumentNode,
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  Kind,
  type ValidationContext,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DomainError } from '../../domain/errors.js';
import { pageSize } from '../duckdb/page-request.js';

/** Limits on what one operation may ask; enforced on HTTP and on WebSocket alike. */
export const OPERATION_LIMITS = { maxDepth: 8, maxAliases: 15, maxTokens: 2000, maxCost: 5000 } as const;

/** The code every limit rejection carries, so a client can tell "too big" from "wrong". */
export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';

/**
 * The limits as an envelop plugin. Depth, aliases and cost are reported as validation errors
 * (HTTP 400, and an error for that operation alone on a WebSocket) instead of being thrown out of
 * validation; the token limit has to stop the parser, so it throws, with the same code. An
 * operation whose page size is beyond its limit is told that (pageSizeLimitPlugin), not the cost
 * that page size would have.
 */
export function operationLimitsPlugin() {
  const report = (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: LIMIT_EXCEEDED },
      }),
    );
  const asValidationError = { propagateOnRejection: false, onReject: [report] };
  return EnvelopArmorPlugin({
    maxDepth: { n: OPERATION_LIMITS.maxDepth, ...asValidationError },
    maxAliases: { n: OPERATION_LIMITS.maxAliases, ...asValidationError },
    costLimit: {
      maxCost: OPERATION_LIMITS.maxCost,
      propagateOnRejection: false,
      // The cost counts `first` as a multiplier: a page size beyond its limit has its own error.
      onReject: [
        (context: ValidationContext | null, error: GraphQLError) => {
          if (context && pageSizeProblems(context.getDocument()).length > 0) return;
          report(context, error);
        },
      ],
    },
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

/** `first: <number>` written in an operation, checked against the page size before anything runs. */
export function pageSizeLimitPlugin(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(pageSizeRule) };
}

/** Each `first: <number>` the operation writes that the page size refuses, with its message. */
function pageSizeProblems(document: DocumentNode): { node: ArgumentNode; message: string }[] {
  const problems: { node: ArgumentNode; message: string }[] = [];
  visit(document, {
    Argument(node) {
      if (node.name.value !== 'first' || node.value.kind !== Kind.INT) return;
      try {
        pageSize(Number(node.value.value));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push({ node, message: error.message });
      }
    },
  });
  return problems;
}

function pageSizeRule(context: ValidationContext): ASTVisitor {
  return {
    Document(document) {
      for (const { node, message } of pageSizeProblems(document)) {
        context.reportError(
          new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } }),
        );
      }
    },
  };
}
