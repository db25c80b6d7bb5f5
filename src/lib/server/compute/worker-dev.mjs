// The compute worker started from its TypeScript sources (tests, scripts, `vite dev`): tsx's
// loader is registered first, then the worker is imported. (`--import tsx` in the worker's
// execArgv races the worker's own entry, which Node then cannot load.)
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./worker.ts');
export default run;
