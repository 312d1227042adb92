// The gwb bundles, defined once for scripts/build.mjs and for the tests that build the real gwb
// (app/cli/built-gwb.testkit.ts). Start-up is most of a short gwb command, so:
//   dist/cli.cjs     gwb's own code. Its commands load what they need when they run.
//   dist/deps.cjs    the dependencies it imports (grpc-js, protobuf runtimes, zod, …) in one file:
//                    no module resolution, no hundreds of small files. cli.cjs asks it for a
//                    package the first time one is imported, so `gwb -version` never reads it.
//   dist/launch.cjs  run by bin/gwb.cjs: loads the two through V8's code cache (app/cli/launch.ts).
//   dist/*.cjs.sha256  the SHA-256 of cli.cjs and deps.cjs: the launcher keys their code caches
//                    by it (hashing them at every start would cost milliseconds).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/**
 * Packages that stay in node_modules: each reads files of its own at run time (a .proto beside
 * its code), which a bundle cannot find, or serves only `gwb serve`. They load only for the demo
 * server, `gwb mock` and `gwb serve`.
 */
export const CLI_EXTERNAL = ['@grpc/reflection', 'grpc-health-check', 'ws'];

/** Options shared by every Node bundle of the project. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Source modules locate resources from their own folder; in a CJS bundle that is __dirname.
  define: { 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
};

/**
 * Less to read and decode on every start; names stay (error and class names are shown). import()
 * becomes require(): the launcher compiles the bundles with vm.Script, where a real import() needs
 * a loader Node 20.11 does not offer.
 */
const SMALL = {
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  supported: { 'dynamic-import': false },
};

/**
 * deps.cjs only: its local names shortened too. A call deserialises and runs the code cache of
 * grpc-js, protobuf-es and the rest from it, and shorter names make that cache ~17% smaller and
 * the source ~27% shorter: ~23 M fewer instructions of a ~835 M unary call (callgrind, two
 * alternating pairs). The packages do not read their functions' or classes' names (checked:
 * their `.name` uses are of protobuf descriptors, errors that set `this.name`, or built-ins such
 * as `AsyncFunction`), and gwb shows none of them. Not for cli.cjs: gwb's own names stay
 * readable, and esbuild's keepNames (which would keep them) costs more than shortening saves.
 */
const SHORT_NAMES = { minifyIdentifiers: true };

const DEPS_FILE = './deps.cjs';

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const requireFromRoot = createRequire(join(root, 'package.json'));

/**
 * The module cli.cjs holds for a package: its exports, each a getter that asks deps.cjs for the
 * package the first time one is read. A module of ours is evaluated when a command's code imports
 * it, used or not (the engine builds every feature's handlers, a call's transports include
 * Connect's, a flag table names every parser), so an import alone must not load a package: a
 * `gwb` call then loads no load-test histograms, Connect transport or CEL, and `gwb -version`
 * not even deps.cjs. The names are the package's own, read here at build time; a package whose
 * exports are a function or a value (not an object of names) is asked for at once, as before.
 */
function servedOnFirstUse(specifier, used) {
  const ask = `require(${JSON.stringify(DEPS_FILE)})(${JSON.stringify(specifier)})`;
  const exported = packageExports(specifier, used);
  if (!exported) return `module.exports = ${ask};`;
  return [
    'let served;',
    `const serve = () => (served ??= ${ask});`,
    `for (const name of ${JSON.stringify(exported.names)})`,
    '  Object.defineProperty(exports, name, { get: () => serve()[name], enumerable: true });',
    exported.esModule ? "Object.defineProperty(exports, '__esModule', { value: true });" : '',
  ].join('\n');
}

/**
 * The names a package exports (read here at build time) and whether it says it is an ES module;
 * undefined when its exports are a function or a value, not an object of names. With `used` (see
 * namesUsed), only the names cli.cjs reads of it.
 */
function packageExports(specifier, used) {
  let exported;
  try {
    exported = requireFromRoot(specifier);
  } catch {
    return undefined;
  }
  if (exported === null || typeof exported !== 'object') return undefined;
  // A CommonJS package's default is its whole exports object (Node's and esbuild's __toESM): a
  // command reading `default` may read any name of it.
  const readsWhole = used?.get(specifier)?.has('default') && !Object.hasOwn(exported, 'default');
  const only = readsWhole ? undefined : used?.get(specifier);
  const names = Object.getOwnPropertyNames(exported).filter(
    (name) => name !== '__esModule' && (only === undefined || only.has(name)),
  );
  return { names, esModule: Boolean(exported.__esModule), only };
}

/**
 * The ES module over a package's served module (see dependenciesFromDepsFile): its names listed
 * one by one. esbuild then gives importers the served module's namespace itself, copied once
 * (__toESM) when the first importer is evaluated. `export *` made it copy every name three times
 * (__toESM twice, __reExport once), a getter closure each: zod's 261 names cost a call ~1 ms of
 * the ~65 it adds to `node -e 0`, though the call never reads zod. A package that exports no
 * object of names is re-exported whole, as before.
 */
function esModuleOver(specifier, used) {
  const cjs = JSON.stringify(servedToken(specifier));
  const exported = packageExports(specifier, used);
  if (!exported) return `export * from ${cjs};\nexport { default } from ${cjs};\n`;
  const names = new Set(exported.names);
  if (exported.only === undefined || exported.only.has('default')) names.add('default');
  const list = [...names].map((name) => JSON.stringify(name)).join(', ');
  return `export { ${list} } from ${cjs};\n`;
}

/**
 * The name of a package's served module in the ES module over it: one short word (from the
 * specifier's SHA-256), so esbuild names its namespace in cli.cjs `import_<word>` and namesUsed
 * can find it.
 */
const specifiersByToken = new Map();
function servedToken(specifier) {
  const token = `gwbdep_${createHash('sha256').update(specifier).digest('hex').slice(0, 8)}`;
  const known = specifiersByToken.get(token);
  if (known !== undefined && known !== specifier)
    throw new Error(`${specifier} and ${known} have the same served token: lengthen it`);
  specifiersByToken.set(token, specifier);
  return token;
}
const specifierOf = (token) => specifiersByToken.get(token) ?? token;

/**
 * The names cli.cjs reads of each package, from a first build's text: every `<namespace>.<name>`.
 * A package whose namespace is used otherwise (passed whole, read by a computed key) is left out:
 * it keeps all its names. With the names of a package cut to these, a command that imports it
 * copies a few getters instead of all (zod: 1 name of 261, the well-known types ~45 of 169); a
 * name read in the second build but missing here would fail that build (no such export).
 */
function namesUsed(text, specifiers) {
  const used = new Map();
  for (const specifier of specifiers) {
    const namespace = `import_${servedToken(specifier)}`;
    const names = new Set();
    // Not found at all (esbuild named it otherwise): every name, as before.
    let whole = !text.includes(namespace);
    for (const match of text.matchAll(
      new RegExp(`${namespace}(?![\\w$])(\\.[A-Za-z_$][\\w$]*)?`, 'g'),
    )) {
      if (match[1]) names.add(match[1].slice(1));
      else if (!isDeclaredOrAssigned(text, match.index, namespace.length)) whole = true;
    }
    if (!whole) used.set(specifier, names);
  }
  return used;
}

/** esbuild's own uses of a namespace: `var <ns>,` / `var <ns>;` and `<ns>=__toESM(`. */
function isDeclaredOrAssigned(text, at, length) {
  const after = text.slice(at + length, at + length + 9);
  if (after === '=__toESM(') return true;
  return text.slice(Math.max(0, at - 4), at) === 'var ' && (after[0] === ',' || after[0] === ';');
}

/**
 * Every package cli.cjs imports becomes a one-line module asking deps.cjs for it; the imported
 * specifiers are collected into `wanted` for the deps bundle. `used`: the names to serve of each
 * package (namesUsed), else all.
 */
function dependenciesFromDepsFile(wanted, used) {
  const builtins = new Set(builtinModules);
  return {
    name: 'gwb-deps',
    setup(b) {
      b.onResolve({ filter: /^\.\/deps\.cjs$/, namespace: 'gwb-dep-cjs' }, () => ({
        path: DEPS_FILE,
        external: true,
      }));
      b.onResolve({ filter: /^gwbdep_[0-9a-f]+$/, namespace: 'gwb-dep' }, (args) => ({
        path: specifierOf(args.path),
        namespace: 'gwb-dep-cjs',
      }));
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || builtins.has(args.path)) return undefined;
        if (CLI_EXTERNAL.includes(packageName(args.path))) return { external: true };
        wanted.add(args.path);
        return { path: args.path, namespace: 'gwb-dep' };
      });
      // An ES module over the package, so its exports are copied once, not once per importer
      // (esbuild's __toESM for a CommonJS module); `default` is module.exports, as Node gives it
      // (a package's own `default` when it is an ES module, zod's say). Re-exported, not read:
      // `export default m` read it when the importing module was evaluated, which served the
      // package (zod) to every command that merely imports a module declaring a schema.
      b.onLoad({ filter: /.*/, namespace: 'gwb-dep' }, (args) => ({
        contents: esModuleOver(args.path, used),
        loader: 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'gwb-dep-cjs' }, (args) => ({
        contents: servedOnFirstUse(args.path, used),
        loader: 'js',
      }));
    },
  };
}

/**
 * How gwb sets up a package the first time deps.cjs serves it, by specifier (JavaScript text over
 * the loaded module `m`, returning it).
 *
 * zod: jitless. By default zod compiles a parser per object schema with `new Function` the first
 * time the schema parses; that pays off over many parses, but a gwb command parses each schema
 * once or twice, so compiling costs more than it saves (measured with callgrind: 15–25 M
 * instructions of a `gwb list` or a call, about 3 %). zod's own switch, `z.config`, process-wide
 * (zod keeps its config on globalThis); results are the same either way.
 */
const DEPS_SETUP = {
  zod: 'm.config({ jitless: true }), m',
};

/**
 * @bufbuild/protobuf's well-known types, each file evaluated when one of its names is first read.
 * The package's `wkt` index requires all fifteen generated files at once, and each decodes and
 * builds its file descriptor as it loads (descriptor.proto, plugin.proto, api/type, the language
 * feature sets, …): a `gwb list` paid for all of them to use descriptor.proto. In deps.cjs the
 * index is this module instead: the same names in the same order (first file wins, as the
 * index's `__exportStar` does), each a getter over its file. Names are read here at build time.
 */
const WKT_INDEX = /[\\/]@bufbuild[\\/]protobuf[\\/]dist[\\/]cjs[\\/]wkt[\\/]index\.js$/;

function lazyWellKnownTypes(indexPath) {
  const requireFromIndex = createRequire(indexPath);
  const files = [
    ...readFileSync(indexPath, 'utf8').matchAll(/__exportStar\(require\("([^"]+)"\)/g),
  ].map((match) => match[1]);
  if (files.length === 0) throw new Error(`${indexPath}: no files found in the wkt index`);
  const taken = new Set();
  const loaded = [];
  const lines = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });'];
  files.forEach((file, i) => {
    const names = Object.keys(requireFromIndex(file)).filter(
      (name) => name !== 'default' && !taken.has(name),
    );
    for (const name of names) taken.add(name);
    loaded.push(`m${i} !== undefined && ${JSON.stringify(file)}`);
    lines.push(
      `let m${i};`,
      `const load${i} = () => (m${i} ??= require(${JSON.stringify(file)}));`,
      `for (const name of ${JSON.stringify(names)})`,
      `  Object.defineProperty(exports, name, { enumerable: true, get: () => load${i}()[name] });`,
    );
  });
  // Which files have been evaluated, for the test that keeps them lazy.
  lines.push(
    `Object.defineProperty(exports, Symbol.for('gwb.loadedFiles'), { get: () => [${loaded.join(', ')}].filter(Boolean) });`,
  );
  return lines.join('\n');
}

function wellKnownTypesOnFirstUse() {
  return {
    name: 'gwb-lazy-wkt',
    setup(b) {
      b.onLoad({ filter: WKT_INDEX }, (args) => ({
        contents: lazyWellKnownTypes(args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * @bufbuild/protobuf's boot of descriptor.proto (codegenv2/boot.js), with one prototype per kind
 * of descriptor instead of one per object. boot() builds the FileDescriptorProto of
 * descriptor.proto from a plain object before anything can be decoded (`gwb list` and every call
 * over reflection need it), and each of its ~400 objects got a prototype literal of its own:
 * V8 then makes every one of them a prototype (a map of its own, set up as a prototype), which
 * was ~1/4 of the boot (~12 M instructions of ~52 M, callgrind). The prototypes hold the
 * proto2 defaults and are never written to (a field that is set is an own property, which is how
 * the package tells a set field), so sharing one per kind reads and writes the same. Each
 * `Object.create({...})` literal becomes a constant created once; the build fails when the file
 * no longer has the literals this expects (a new version: check it before changing the count).
 */
const PROTOBUF_BOOT = /[\\/]@bufbuild[\\/]protobuf[\\/]dist[\\/]cjs[\\/]codegenv2[\\/]boot\.js$/;
export const BOOT_PROTOTYPE_LITERALS = 5;

export function sharedBootPrototypes(text, file = 'boot.js') {
  const constants = [];
  const shared = text.replace(/Object\.create\((\{[^{}]*\})\)/g, (_, literal) => {
    constants.push(`const bootPrototype${constants.length} = ${literal};`);
    return `Object.create(bootPrototype${constants.length - 1})`;
  });
  if (constants.length !== BOOT_PROTOTYPE_LITERALS)
    throw new Error(
      `${file}: ${constants.length} prototype literals, expected ${BOOT_PROTOTYPE_LITERALS}; update sharedBootPrototypes`,
    );
  return `${shared}\n${constants.join('\n')}\n`;
}

function protobufBootWithSharedPrototypes() {
  return {
    name: 'gwb-protobuf-boot',
    setup(b) {
      b.onLoad({ filter: PROTOBUF_BOOT }, (args) => ({
        contents: sharedBootPrototypes(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * zod's locales index (`z.locales`): the error messages of some fifty languages, each file
 * evaluated when its name is first read instead of all of them when zod loads. gwb reads none (zod
 * sets English up from its own file), so they only grew every zod-using command's load and code
 * cache (~130 KB of deps.cjs's). The index's names, in its order, each a getter over its file, as
 * the index's own getters are; read here at build time from the index's text.
 */
const ZOD_LOCALES_INDEX = /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.cjs$/;

function lazyZodLocales(indexPath) {
  const text = readFileSync(indexPath, 'utf8');
  const files = new Map(
    [...text.matchAll(/var (\w+) = require\("([^"]+)"\);/g)].map((m) => [m[1], m[2]]),
  );
  const getters = [
    ...text.matchAll(
      /Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return __importDefault\((\w+)\)\.default; \} \}\);/g,
    ),
  ].map((m) => [m[1], files.get(m[2])]);
  if (getters.length < 10 || getters.some(([, file]) => file === undefined))
    throw new Error(`${indexPath}: its locales were not found; update lazyZodLocales`);
  const lines = [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'const loaded = [];',
    'const load = (file, m) => (loaded.includes(file) || loaded.push(file), m && m.__esModule ? m.default : m);',
  ];
  for (const [name, file] of getters) {
    lines.push(
      `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load(${JSON.stringify(file)}, require(${JSON.stringify(file)})) });`,
    );
  }
  // Which files have been evaluated, for the test that keeps them lazy.
  lines.push(
    "Object.defineProperty(exports, Symbol.for('gwb.loadedFiles'), { get: () => [...loaded] });",
  );
  return lines.join('\n');
}

function zodLocalesOnFirstUse() {
  return {
    name: 'gwb-lazy-zod-locales',
    setup(b) {
      b.onLoad({ filter: ZOD_LOCALES_INDEX }, (args) => ({
        contents: lazyZodLocales(args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * grpc-js's view of node:net: the module itself, but an isIPv6 (and isIP) that says no to a string
 * without a colon before running Node's regular expression. grpc-js asks isIPv6 of every address
 * it connects to (subchannelAddressToString, the pick-first address interleaving), and Node's
 * IPv6 pattern is large: compiling it on first use was 20 M instructions of a `gwb list` against
 * 127.0.0.1 (callgrind, about 2 %). Every textual IPv6 address has colons, so the answers are
 * Node's own; anything but a string goes to Node as it is.
 */
const GRPC_JS_FILE = /[\\/]@grpc[\\/]grpc-js[\\/]/;
export const NET_FOR_GRPC_JS = `const net = require('node:net');
const mayBeIPv6 = (input) => typeof input !== 'string' || input.includes(':');
module.exports = Object.create(net, {
  isIPv6: { value: (input) => mayBeIPv6(input) && net.isIPv6(input), enumerable: true },
  isIP: { value: (input) => (net.isIPv4(input) ? 4 : mayBeIPv6(input) && net.isIPv6(input) ? 6 : 0), enumerable: true },
});
`;

function netWithoutIPv6PatternForGrpcJs() {
  return {
    name: 'gwb-grpc-js-net',
    setup(b) {
      b.onResolve({ filter: /^(node:)?net$/ }, (args) =>
        GRPC_JS_FILE.test(args.importer)
          ? { path: 'net', namespace: 'gwb-grpc-js-net' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'gwb-grpc-js-net' }, () => ({
        contents: NET_FOR_GRPC_JS,
        loader: 'js',
      }));
    },
  };
}

/**
 * The packages in deps.cjs: those `gwb list`, `describe` and a call over reflection use (grpc-js,
 * protobuf-es). Every other package gwb imports (zod, Connect, CEL, protobufjs, the load test's
 * histograms, …) is in deps-more.cjs, which deps.cjs hands each of them to: a call read and kept
 * all 1.7 MB of deps.cjs's text, three quarters of it code it never runs (~490 page faults of a
 * call's ~6,800; ~7 M instructions, callgrind). A package is in one of the two files only (the
 * build checks): deps-more.cjs asks deps.cjs for the core packages its packages import, and
 * deps.cjs asks deps-more.cjs for a package gwb imports that a core package also does
 * (grpc-js's ORCA and channelz load @grpc/proto-loader).
 */
const CORE_PACKAGES = new Set(['@grpc/grpc-js', '@bufbuild/protobuf']);
const MORE_FILE = './deps-more.cjs';
const inCore = (specifier) => CORE_PACKAGES.has(packageName(specifier));

/**
 * A deps file's entry: `require('./deps.cjs')(specifier)` loads that package (once, set up as
 * DEPS_SETUP says) and returns it; `elsewhere` are served by asking `otherFile`. `served` names the
 * packages asked for: the launcher rewrites the code cache when a run used more. `load` is the
 * same without counting: the other deps file's packages ask through it, so `served` (and what
 * tests see asked) stays what gwb's own code asked for.
 */
function depsEntry(own, elsewhere = [], otherFile = '') {
  const loaders = own.map((s) => {
    const load = `require(${JSON.stringify(s)})`;
    const setup = DEPS_SETUP[s];
    return setup
      ? `  ${JSON.stringify(s)}: () => ((m) => (${setup}))(${load}),`
      : `  ${JSON.stringify(s)}: () => ${load},`;
  });
  for (const s of elsewhere)
    loaders.push(
      `  ${JSON.stringify(s)}: () => require(${JSON.stringify(otherFile)})(${JSON.stringify(s)}),`,
    );
  return [
    `const loaders = {\n${loaders.join('\n')}\n};`,
    'const served = new Set();',
    'module.exports = (specifier) => (served.add(specifier), loaders[specifier]());',
    'module.exports.served = served;',
    'module.exports.load = (specifier) => loaders[specifier]();',
    '',
  ].join('\n');
}

/**
 * Imports of packages that live in the other deps file, as modules asking it for them. `asked`
 * collects the specifiers (deps-more.cjs's asks of deps.cjs). `served`: the other file counts
 * them as served (deps.cjs asking deps-more.cjs, whose own `served` then names them).
 */
function packagesFromOtherFile(namespace, file, isThere, asked, { served }) {
  const ask = served ? '' : '.load';
  return {
    name: `gwb-${namespace}`,
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!isThere(args.path)) return undefined;
        asked?.add(args.path);
        return { path: args.path, namespace };
      });
      // The deps files themselves: beside each other in dist/, asked for at run time.
      b.onResolve({ filter: /^\.\/deps(-more)?\.cjs$/ }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(file)})${ask}(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/** The files of node_modules both deps bundles hold: none, or a package would load twice. */
function packagedTwice(core, more) {
  const files = (result) =>
    Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules'));
  const inMore = new Set(files(more));
  return files(core).filter((input) => inMore.has(input));
}

/**
 * Writes `<bundle>.sha256` beside a bundle: the hash of the text the launcher compiles (the file
 * as UTF-8; esbuild writes no BOM), so its code cache is bound to this exact content.
 */
function recordHash(bundle) {
  const content = readFileSync(bundle, 'utf8');
  writeFileSync(`${bundle}.sha256`, `${createHash('sha256').update(content).digest('hex')}\n`);
}

/** Builds dist/cli.cjs, dist/deps.cjs and dist/launch.cjs (and the bundles' hashes) under `dist`. */
export async function buildCli(dist, { sourcemap = 'linked' } = {}) {
  const wanted = new Set();
  const launcher = build({
    ...NODE_BUNDLE,
    entryPoints: [join(root, 'app/cli/launch.ts')],
    outfile: join(dist, 'launch.cjs'),
    packages: 'external',
  });
  const cli = (used) => ({
    ...NODE_BUNDLE,
    ...SMALL,
    entryPoints: [join(root, 'app/cli/run.ts')],
    outfile: join(dist, 'cli.cjs'),
    plugins: [dependenciesFromDepsFile(wanted, used)],
    sourcemap,
  });
  // Twice: the first build tells which names of each package cli.cjs reads (namesUsed).
  const first = await build({ ...cli(undefined), write: false, sourcemap: false });
  const text = first.outputFiles.find((file) => file.path.endsWith('.cjs'))?.text ?? '';
  await build(cli(namesUsed(text, wanted)));
  const depsBuild = (file, contents, plugin) =>
    build({
      ...NODE_BUNDLE,
      ...SMALL,
      ...SHORT_NAMES,
      stdin: { contents, resolveDir: root, sourcefile: file },
      outfile: join(dist, file),
      external: CLI_EXTERNAL,
      metafile: true,
      plugins: [
        plugin,
        wellKnownTypesOnFirstUse(),
        netWithoutIPv6PatternForGrpcJs(),
        zodLocalesOnFirstUse(),
        protobufBootWithSharedPrototypes(),
      ],
      sourcemap,
    });
  const core = [...wanted].filter(inCore);
  const more = [...wanted].filter((specifier) => !inCore(specifier)).sort();
  // deps-more.cjs first: the core packages its packages import are served by deps.cjs too.
  const askedOfCore = new Set();
  const moreBuilt = await depsBuild(
    'deps-more.cjs',
    depsEntry(more),
    packagesFromOtherFile('gwb-core', DEPS_FILE, inCore, askedOfCore, { served: false }),
  );
  const moreSet = new Set(more);
  const coreBuilt = await depsBuild(
    'deps.cjs',
    depsEntry([...new Set([...core, ...askedOfCore])].sort(), more, MORE_FILE),
    packagesFromOtherFile('gwb-more', MORE_FILE, (s) => moreSet.has(s), undefined, {
      served: true,
    }),
  );
  const twice = packagedTwice(coreBuilt, moreBuilt);
  if (twice.length > 0)
    throw new Error(`deps.cjs and deps-more.cjs both hold ${twice.slice(0, 5).join(', ')}`);
  recordHash(join(dist, 'cli.cjs'));
  recordHash(join(dist, 'deps.cjs'));
  recordHash(join(dist, 'deps-more.cjs'));
  await launcher;
}
