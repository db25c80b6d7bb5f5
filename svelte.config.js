import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Tile servers the map may load from besides Hozen itself (地理院タイル). */
const TILE_SOURCES = ['https://cyberjapandata.gsi.go.jp'];

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Content-Security-Policy on every page: scripts only from Hozen (SvelteKit hashes its own
    // inline script), nothing framed, forms posted only to Hozen; MapLibre's workers run from
    // blob: URLs and inline styles are used by the components and the map.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:', ...TILE_SOURCES],
        'connect-src': ['self', ...TILE_SOURCES],
        'worker-src': ['self', 'blob:'],
        'child-src': ['self', 'blob:'],
        'font-src': ['self', 'data:'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    }
  }
};

export default config;
