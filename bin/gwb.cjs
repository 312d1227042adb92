#!/usr/bin/env node
// The `gwb` command: a thin launcher for the bundled CLI so `npx gwb` works after `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'gwb: not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n',
  );
  process.exit(1);
}
require(bundle);
