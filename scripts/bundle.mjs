// `npm run bundle`: esbuild's bundle of src/cli/main.ts into dist/bundle/, the one file tree
// bin/podscope.js loads (one file to parse instead of ~1,500 modules: ~4x faster start-up).
//
// A script rather than esbuild's command line for one reason: @kubernetes/client-node does not
// declare its modules free of side effects, so esbuild kept every one of them: ~700 generated
// model classes and API clients that podscope never calls (it uses client-node for kubeconfig,
// auth and TLS only). They are plain declarations, so telling esbuild so (sideEffects: false,
// which package.json's "sideEffects" field would say) lets it drop the unused ones. Measured:
// bundle 4.4 → 3.6 MB.
import { build } from 'esbuild';
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
  plugins: [clientNodeWithoutSideEffects],
});
