// The help of `gwb collection`, `gwb request` and `gwb run` (printed on -h/--help).
import { SAVED_RUN_FLAGS } from '../saved-run.js';
import { callFlagsHelp } from '../subcommand-run.js';

const WORKSPACE_OPTION = `  --workspace DIR    the workspace folder (it holds workspace.json; the workbench creates it
                     when you open a folder). Default: the workbench's own workspace, in its
                     data folder ($GWB_DATA_DIR or the platform's)`;

const ENV_OPTION = `  --env NAME         the environment whose variables fill \${name} in the saved requests
                     (secret values come from this machine's secrets store)`;

const CALL_FLAGS = `Call flags given here are laid over every saved request (they win over what was saved):
the server, TLS, metadata, deadline and JSON options, as a call takes them.

${callFlagsHelp(SAVED_RUN_FLAGS)}`;

export const COLLECTION_HELP = `Lists the collections of a workspace, their folders and saved requests (each with its
method), as the workbench's sidebar shows them. A request that cannot be read is listed with
its error.

Actions:
  ls                 list the collections

Options:
${WORKSPACE_OPTION}
  -h, --help         this help

Example:
  gwb collection ls --workspace examples/workspace
`;

export const REQUEST_HELP = `Runs one saved request (COLLECTION/PATH, as collection ls lists it) through the same
call path as the workbench's Send: variables substituted, history kept. It prints and exits as
a call does: each response as JSON on stdout, a non-OK status on stderr with exit 64 + code.

Actions:
  run COLLECTION/PATH

Options:
${ENV_OPTION}
${WORKSPACE_OPTION}
  -h, --help         this help

${CALL_FLAGS}
Examples:
  gwb request run demo/users/get-ada --env local --workspace examples/workspace
  gwb request run demo/users/get-ada --env local -H 'x-trace: 1' -max-time 5
  gwb request run demo/users/get-ada -cacert ca.pem -cert client.pem -key client.key
`;

export const RUN_HELP = `Runs the saved requests of COLLECTION (or of a folder in it, COLLECTION/FOLDER, or one
request) in order through the engine's collection runner, the one the workbench's runner uses.
Each request's assertions are checked and its captures set variables ({{name}}) for the
requests after it. A request with assertions passes when all of them pass; one without passes
when its status is OK. Exits 0 only when every request (and assertion) passed; 1 otherwise (or
when nothing ran), 130 on Ctrl-C.

Options:
${ENV_OPTION}
  --filter PATTERN   run only the requests whose path matches: with * or ? a glob over the
                     whole path (* and ? within one segment, ** across segments, e.g.
                     'demo/**/get*'); otherwise a case-insensitive substring ('users')
  --bail             stop at the first failed request
  --iterations N     run the requests N times (default 1, or once per --data row)
  --data FILE        one iteration per row, its columns as variables over the environment's:
                     CSV (RFC 4180 quoting; the header row names the variables) or a JSON
                     array of objects. With --iterations N, iteration i takes row i mod rows
  --reporter NAME[:FILE]
                     cli, junit, json or tap, to stdout or to FILE; give it several times for
                     several reports (at most one to stdout; when none goes to stdout, the cli
                     report does). Default: cli
  --snapshots        compare each call (every message both ways, headers, trailers, status)
                     with its snapshot, snapshots/<request path>.ndjson in the workspace (a
                     recording; .iteration-N.ndjson when the run has several iterations); a
                     missing one is written and reported as NEW. A request that captures a
                     secret keeps none (its answer holds the value). A request saved with
                     "snapshot": { "ignore": [paths] } (Tests → Compare with snapshot) is
                     compared on every run, with or without --snapshots, minus its own paths
  --update-snapshots write every snapshot anew from this run
  --snapshot-ignore PATH
                     a field path the snapshot comparison leaves out (as gwb diff --ignore),
                     any number of times
${WORKSPACE_OPTION}
  -h, --help         this help

${CALL_FLAGS}
Examples:
  gwb run demo --env staging --workspace examples/workspace --reporter junit:results.xml
  gwb run demo/users --env local --filter 'get*' --bail -plaintext -connect-timeout 3
  gwb run demo --data users.csv --reporter tap:out.tap --reporter json:out.json
  gwb run demo --snapshots --snapshot-ignore server.messages.time
`;
