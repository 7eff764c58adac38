/** GraphQL arguments arrive as null or undefined when absent; the domain wants undefined only. */
export type Nullable<T> = { readonly [K in keyof T]?: T[K] | null | undefined };
