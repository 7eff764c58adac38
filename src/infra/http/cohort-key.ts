import { type DocumentNode, getOperationAST, Kind, print, visit } from 'graphql';

/** The live part of a subscription, shared by every member that asks the same thing. */
export interface CohortOperation {
  /** Equal keys: same operation, same variables, same authorization scope. */
  readonly key: string;
  /** The operation without its resume cursor: what the cohort executes, once per event. */
  readonly liveDocument: DocumentNode;
  readonly liveVariables: Readonly<Record<string, unknown>> | undefined;
  /** True when this member asked to resume from a cursor: it replays its own gap first. */
  readonly resumes: boolean;
}

const RESUME_ARGUMENT = 'after';

/**
 * Describes a subscription for cohort execution, or returns undefined for anything else. The
 * `after` argument of the subscribed field is taken out of the key: members resuming from
 * different cursors still share the live stream once they have caught up.
 */
export function cohortOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  scope: string,
): CohortOperation | undefined {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription') return undefined;
  let resumes = false;
  const droppedVariables = new Set<string>();
  const liveDocument = visit(document, {
    Argument(node, _key, _parent, path) {
      // Only the subscribed field's own argument: operation > selectionSet > field > arguments.
      if (node.name.value !== RESUME_ARGUMENT || path.length !== 7) return undefined;
      if (node.value.kind === Kind.VARIABLE) {
        droppedVariables.add(node.value.name.value);
        if (variables?.[node.value.name.value] != null) resumes = true;
      } else if (node.value.kind !== Kind.NULL) {
        resumes = true;
      }
      return null;
    },
  });
  const liveVariables = variables
    ? Object.fromEntries(Object.entries(variables).filter(([name]) => !droppedVariables.has(name)))
    : undefined;
  const key = JSON.stringify([
    print(liveDocument),
    operationName ?? null,
    sortedJson(liveVariables ?? {}),
    scope,
  ]);
  return { key, liveDocument, liveVariables, resumes };
}

function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedJson((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
