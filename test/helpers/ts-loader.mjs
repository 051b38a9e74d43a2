// Lets a child process run our TypeScript sources directly:
//   node --import ./test/helpers/ts-loader.mjs script.ts
// Imports written as `./x.js` find `./x.ts` or `./x.tsx`, and both are compiled
// with the same transformer Vitest uses (oxc, through rolldown), JSX for Preact.
import { registerHooks } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/utils';

registerHooks({
  resolve(specifier, context, next) {
    if (/^(\.|\/|file:)/.test(specifier) && specifier.endsWith('.js') && context.parentURL) {
      const url = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(url))) {
        for (const ext of ['.ts', '.tsx']) {
          const alt = new URL(url.href.replace(/\.js$/, ext));
          if (existsSync(fileURLToPath(alt))) return next(alt.href, context);
        }
      }
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url.startsWith('file:') && /\.tsx?$/.test(url) && !url.includes('/node_modules/')) {
      const file = fileURLToPath(url);
      const out = transformSync(file, readFileSync(file, 'utf8'), { jsx: { runtime: 'automatic', importSource: 'preact' } });
      if (out.errors?.length) throw new Error(`${file}: ${out.errors.map((e) => e.message).join('; ')}`);
      return { format: 'module', source: out.code, shortCircuit: true };
    }
    return next(url, context);
  },
});
