/** The app's routes as SvelteKit names them: every folder of a +page or +server file. */
import fs from 'node:fs';
import path from 'node:path';

export function routesOnDisk(dir = 'src/routes', id = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory())
      out.push(...routesOnDisk(path.join(dir, entry.name), `${id}/${entry.name}`));
    else if (/^\+(page|server)\.(svelte|ts)$/.test(entry.name)) out.push(id || '/');
  }
  return [...new Set(out)];
}
