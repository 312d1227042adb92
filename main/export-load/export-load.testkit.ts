// Typechecks an exported k6 script against @types/k6 (the types of k6's own modules and globals),
// with the TypeScript compiler the project already uses: a script k6 would reject for a wrong
// module, call or parameter does not pass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const K6_TYPES = path.resolve(import.meta.dirname, '../../node_modules/@types/k6');

/** The compiler's messages for the script, one line each; empty when it typechecks. */
export function k6TypeErrors(script: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwb-k6-'));
  try {
    const file = path.join(dir, 'script.ts');
    writeFileSync(file, script);
    const program = ts.createProgram([file, path.join(K6_TYPES, 'index.d.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      paths: { k6: [path.join(K6_TYPES, 'index.d.ts')], 'k6/*': [path.join(K6_TYPES, '*')] },
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
