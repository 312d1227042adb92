#!/usr/bin/env node
// The `gwb` command: a thin launcher for the bundled CLI so `npx gwb` works after `npm run build`.
// dist/launch.cjs loads dist/cli.cjs through V8's code cache (app/cli/launch.ts).
const path = require('node:path');
const fs = require('node:fs');
const dist = path.join(__dirname, '..', 'dist');
if (!fs.existsSync(path.join(dist, 'cli.cjs')) || !fs.existsSync(path.join(dist, 'launch.cjs'))) {
  process.stderr.write(
    'gwb: not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n',
  );
  process.exit(1);
}
require(path.join(dist, 'launch.cjs')).launch(path.join(dist, 'cli.cjs'));
