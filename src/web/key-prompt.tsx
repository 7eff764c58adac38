import { useState } from 'preact/hooks';

export function KeyPrompt(props: { readonly rejected: boolean; readonly onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  return (
    <form
      class="key-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        if (key.trim()) props.onKey(key.trim());
      }}
    >
      <h2>API key required</h2>
      <p>This service is protected. Paste an API key (a read key to watch, an admin key to act).</p>
      {props.rejected && <p class="error">That key was refused.</p>}
      <input
        type="password"
        aria-label="API key"
        autocomplete="off"
        value={key}
        onInput={(e) => setKey((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Connect</button>
      <p class="hint">The key is kept for this browser session only.</p>
    </form>
  );
}
