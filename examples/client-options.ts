import { parseArgs } from 'node:util';

/** Where the service is and how to authenticate: flags first, then the environment. */
export interface ClientOptions {
  readonly url: string;
  readonly apiKey: string | undefined;
}

/** The options every example takes, for its --help. */
export const CLIENT_OPTIONS_HELP = `Options:
  --url URL        the service's GraphQL endpoint (default: $SENTINEL_URL, else
                   http://127.0.0.1:4000/graphql)
  --api-key KEY    an API key, when the service has keys (default: $SENTINEL_API_KEY)
  -h, --help       print this help
`;

/** The options, or 'help' when the user asked for the usage. Throws on a bad option. */
export function clientOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ClientOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const url = values.url ?? env.SENTINEL_URL ?? 'http://127.0.0.1:4000/graphql';
  if (!/^https?:\/\//.test(url))
    throw new Error(`--url must be an http(s) URL such as http://127.0.0.1:4000/graphql, got "${url}"`);
  return { url, apiKey: values['api-key'] ?? env.SENTINEL_API_KEY };
}

export function authorizationHeaders(options: ClientOptions): Record<string, string> {
  return options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
}
