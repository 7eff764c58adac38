/**
 * A page of a list ordered by sequence. Every item carries the sequence that a request for the
 * next page passes as `after`.
 */
export interface Page<Item extends { readonly sequence: number }> {
  readonly items: readonly Item[];
  readonly hasNextPage: boolean;
}

export interface PageRequest {
  readonly first: number;
  /** The sequence of the last item of the previous page; the next page continues after it. */
  readonly after?: number | undefined;
}
