import { useState } from 'preact/hooks';

export type KeyPromptReason = 'needed' | 'refused' | 'checking' | 'unreachable';

const MESSAGES: Record<Exclude<KeyPromptReason, 'needed'>, string> = {
  refused: 'That key was refused: check it and try again.',
  checking: 'Checking the key…',
  unreachable: 'The service cannot be reached right now; the key will be tried when it is back.',
};

/** Asks for an API key when the service has keys configured. */
export function KeyPrompt(props: {
  readonly reason: KeyPromptReason;
  readonly onKey: (key: string) => void;
}) {
  const [key, setKey] = useState('');
  const checking = props.reason === 'checking';
  return (
    <main class="key-page">
      <form
        class="key-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim() && !checking) props.onKey(key.trim());
        }}
      >
        <h1>position-sentinel</h1>
        <h2>API key required</h2>
        <p>This service is protected. Paste an API key: a read key to watch, an admin key to act.</p>
        <input
          type="password"
          aria-label="API key"
          autocomplete="off"
          autofocus
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={checking || key.trim() === ''}>
          {checking ? 'Checking…' : 'Connect'}
        </button>
        {props.reason !== 'needed' && (
          <p class={props.reason === 'refused' ? 'error' : 'muted'} role="alert" data-testid="key-message">
            {MESSAGES[props.reason]}
          </p>
        )}
        <p class="hint">The key is kept for this browser tab only and forgotten when it closes.</p>
      </form>
    </main>
  );
}
