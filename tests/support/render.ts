import type { ReactNode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';

// Server components may be async (e.g. `When`, which reads the viewer's time zone itself:
// docs/decisions/050). react-dom/server's renderToString cannot wait for them; a static
// prerender waits for every async component and gives the same HTML.
export async function renderToString(element: ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(element);
  let html = '';
  for await (const chunk of prelude) html += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return html;
}
