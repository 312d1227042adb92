// One proto load in this process: `raw` is @grpc/proto-loader's loadSync, `ours` the engine's
// loader (proto files → descriptors → registry → schema model). Prints one JSON line.
import * as protoLoader from '@grpc/proto-loader';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { peakRssMb } from '../main/platform/peak-rss.js';
import { loadProtoFiles } from '../main/schema/index.js';

const root = join(process.cwd(), 'node_modules/google-proto-files');
const cloud = join(root, 'google/cloud');
const files: string[] = [];
for (const product of readdirSync(cloud)) {
  const v1 = join(cloud, product, 'v1');
  if (!existsSync(v1)) continue;
  for (const f of readdirSync(v1))
    if (f.endsWith('.proto')) files.push(`google/cloud/${product}/v1/${f}`);
}

const mode = process.argv[2];
const t0 = performance.now();
if (mode === 'raw') {
  protoLoader.loadSync(files, { includeDirs: [root] });
} else {
  loadProtoFiles({ files, importPaths: [root] });
}
const ms = performance.now() - t0;
const rssMb = peakRssMb();
console.log(JSON.stringify({ files: files.length, ms, rssMb }));
