// Bundles the console into <out>/console/ (app.js, app.css, index.html) for the web module's WAR.
// Run by the Maven build (web/pom.xml) after `npm ci`; `node build.mjs <out>`.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../../target/console-dist'), 'console');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src/main.js')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2022'],
  outfile: join(out, 'app.js'),
  legalComments: 'linked',
  logLevel: 'warning',
});
cpSync(join(here, 'static'), out, { recursive: true });
console.log(`console bundled into ${out}`);
