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

export const RUN_HELP = `Runs every saved request of COLLECTION (or of a folder in it, COLLECTION/FOLDER) in order,
as request run runs one, and reports each: a line per request, or a JUnit or JSON report on
stdout. Exits 1 when any request fails (or there is none), 130 on Ctrl-C.

Options:
${ENV_OPTION}
  --reporter junit|json
                     a report on stdout instead of the text lines
${WORKSPACE_OPTION}
  -h, --help         this help

${CALL_FLAGS}
Examples:
  gwb run demo --env staging --workspace examples/workspace --reporter junit > results.xml
  gwb run demo/users --env local -plaintext -connect-timeout 3
`;
