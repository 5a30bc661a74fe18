// `npm run bundle`: esbuild's bundle of src/cli/main.ts into dist/bundle/, the one file tree
// bin/podscope.js loads (one file to parse instead of ~1,500 modules: ~4x faster start-up).
//
// A script rather than esbuild's command line for one reason: @kubernetes/client-node does not
// declare its modules free of side effects, so esbuild kept every one of them: ~700 generated
// model classes and API clients that podscope never calls (it uses client-node for kubeconfig,
// auth and TLS only). They are plain declarations, so telling esbuild so (sideEffects: false,
// which package.json's "sideEffects" field would say) lets it drop the unused ones. Measured:
// bundle 4.4 → 3.6 MB.
//
// A second plugin keeps Ink's layout engine (yoga) from loading Node's fetch (undici) at
// start-up: yoga's wasm is inlined as a base64 data: URL, which its loader fetches when a
// global fetch exists and decodes in place otherwise. Merely asking `typeof fetch` makes Node
// 20 load undici. The decoding path is yoga's own, the same bytes. Measured: importing yoga
// 43 → 18 ms (median of 16 runs), on the way to the first pod row (SPEC P1).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';

const CLIENT_NODE = /[\\/]node_modules[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/]/;

/** Marks the modules of client-node's dist/ as free of side effects. */
const clientNodeWithoutSideEffects = {
  name: 'client-node-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      if (!args.path.startsWith('@kubernetes/client-node') && !CLIENT_NODE.test(args.importer)) return undefined;
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
      if (resolved.errors.length || !CLIENT_NODE.test(resolved.path)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

const YOGA_WASM = /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const YOGA_FETCH_TEST = '"function"!=typeof fetch?Promise.resolve()';

/** yoga decodes its inline wasm instead of fetching the data: URL (see the header). */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: YOGA_WASM }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // One exact place; a yoga release that moved it fails the build here rather than lose this quietly.
      if (source.split(YOGA_FETCH_TEST).length !== 2) throw new Error(`${args.path}: yoga's wasm loader changed; update scripts/bundle.mjs (yogaWithoutFetch)`);
      return { contents: source.replace(YOGA_FETCH_TEST, '!0?Promise.resolve()'), loader: 'js' };
    });
  },
};

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  external: ['react-devtools-core', 'node-pty', '@xterm/headless'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // ESM output, but some dependencies still call require() for Node's own modules.
  banner: { js: "import { createRequire as __podscopeRequire } from 'node:module'; const require = __podscopeRequire(import.meta.url);" },
  plugins: [clientNodeWithoutSideEffects, yogaWithoutFetch],
});
