// Bundles the office dashboard and the crew page into dist/web with esbuild: hashed assets,
// .gz/.br copies for @fastify/static, the crew service worker, and a size report per page.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const assets = join(out, 'assets');
const PAGES = ['office', 'crew'];

function compressCopies(file) {
  const data = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(data));

  return gzipSync(data, { level: 9 }).length;
}

export async function buildWeb({ quiet = false } = {}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });

  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(PAGES.map((p) => [p, `web/${p}/main.ts`])),
    outdir: assets,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    // ES2020 runs on the Android phones crews carry and keeps the output small.
    target: ['es2020'],
    loader: { '.png': 'file', '.svg': 'file' },
    metafile: true,
    logLevel: 'warning',
  });

  const report = {};
  const crewFiles = [];
  for (const page of PAGES) {
    const outputs = Object.entries(result.metafile.outputs).filter(
      ([, o]) => o.entryPoint === `web/${page}/main.ts`,
    );
    const js = outputs[0]?.[0];
    if (!js) throw new Error(`no output for ${page}`);
    const css = result.metafile.outputs[js].cssBundle;
    const url = (file) => `/assets/${relative(assets, join(root, file))}`;

    let html = readFileSync(join(root, 'web', page, 'index.html'), 'utf8');
    html = html
      .replace('__SCRIPT__', url(js))
      .replace('__STYLE__', css ? url(css) : '')
      .replace(/\n\s*\n/g, '\n');
    writeFileSync(join(out, `${page}.html`), html);

    const files = [js, css].filter(Boolean).map((f) => join(root, f));
    if (page === 'crew') crewFiles.push('/crew', ...files.map((f) => `/assets/${basename(f)}`));
    const gzipBytes = { html: gzipSync(html, { level: 9 }).length };
    for (const file of files) gzipBytes[basename(file)] = compressCopies(file);
    report[page] = {
      gzipBytes,
      totalGzipKb: Number((Object.values(gzipBytes).reduce((a, b) => a + b, 0) / 1024).toFixed(1)),
    };
  }
  // The crew service worker precaches the crew page shell; its version follows the assets.
  const version = crewFiles.map((f) => basename(f)).join('|');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['web/crew/sw.ts'],
    outfile: join(out, 'crew-sw.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    define: {
      __PRECACHE__: JSON.stringify(crewFiles),
      __VERSION__: JSON.stringify(version),
    },
    logLevel: 'warning',
  });

  writeFileSync(join(out, 'sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (!quiet) {
    for (const [page, r] of Object.entries(report)) {
      console.log(`web: ${page.padEnd(7)} ${String(r.totalGzipKb).padStart(6)} KB gzip`);
    }
  }

  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWeb({ quiet: process.argv.includes('--quiet') });
}
