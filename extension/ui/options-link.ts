/**
 * The options page's address may name the agent's port, options.html#port=N:
 * `demo.sh --browser --port N` opens it so, and the page fills the port in
 * instead of the user typing it. A fragment, not a query: it never leaves the
 * browser, and the page stays the extension's one options page.
 */
export const optionsHash = (port: number) => `#port=${port}`;

/** The port the fragment names: a number, 'invalid' for one that is no TCP port, undefined when it names none. */
export function portFromHash(hash: string): number | 'invalid' | undefined {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('port');
  if (raw === null) return undefined;
  const port = Number(raw);
  return /^\d{1,5}$/.test(raw) && port >= 1 && port <= 65535 ? port : 'invalid';
}
