/** How long an example test waits for what the service or an example does. */
export const WAIT = { timeout: 15_000, interval: 50 };

/** Open positions in the service's store, asked as a client would. */
export async function storedOpenPositions(graphqlUrl: string): Promise<number> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ positions { id } }' }),
  });
  const body = (await response.json()) as { data?: { positions: unknown[] } };
  return body.data?.positions.length ?? Number.NaN;
}
