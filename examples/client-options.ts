import { parseArgs } from 'node:util';

/** Where the service is and how to authenticate: flags first, then the environment. */
export interface ClientOptions {
  readonly url: string;
  readonly apiKey: string | undefined;
}

export function clientOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ClientOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { url: { type: 'string' }, 'api-key': { type: 'string' } },
    strict: true,
  });
  const url = values.url ?? env.SENTINEL_URL ?? 'http://127.0.0.1:4000/graphql';
  if (!/^https?:\/\//.test(url))
    throw new Error(`--url must be an http(s) URL such as http://127.0.0.1:4000/graphql, got "${url}"`);
  return { url, apiKey: values['api-key'] ?? env.SENTINEL_API_KEY };
}

export function authorizationHeaders(options: ClientOptions): Record<string, string> {
  return options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
}
