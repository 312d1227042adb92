// The help of `gwb replay` and `gwb mock` (printed on -h/--help), beside their commands.
import { MAX_SPEED, MIN_SPEED } from '../../../shared/recording/speed.js';
import { REPLAY_FLAGS } from '../replay.js';
import { callFlagsHelp } from '../subcommand-run.js';

const SPEED = `--speed N|max      how fast to play: 1 = as recorded (default), 2 = twice as fast,
                     max = no waiting; from ${MIN_SPEED} to ${MAX_SPEED}`;

export const REPLAY_HELP = `Sends the client side of RECORDING (made with gwb -record, gwb proxy, or in the workbench)
to the server again, records the answers (RECORDING.replay.ndjson unless --out says) and
compares them with the recorded ones: client and server messages by position, then headers,
trailers and status. One recording of a file of several (gwb proxy's NAME.recordings) is
named FILE#N, N from 1, as gwb proxy prints it (its replay goes to
NAME.recordings-N.replay.ndjson).

Exit status: 0 the answers are the same, 1 they differ, 2 the replay could not run (a mistake
in the command line, a recording that cannot be read, a server that cannot be reached).

Options:
  --target ADDRESS   send to ADDRESS instead of the recorded address
  ${SPEED}
  --ignore PATH      leave a field out of the comparison (repeatable; see Ignore paths)
  --out FILE         where the replay's recording goes
  --json             print the comparison as JSON instead of text
  -h, --help         this help

Ignore paths:
  A path names a field the way differences are printed: field names joined by dots, [N] for
  the N-th element of a list (from 0). * or [*] stands for any one name or index, ** for any
  number of them, and a path also covers everything under it. Paths start at the message;
  headers.NAME, trailers.NAME and status.code, status.message, status.details name the rest.
    --ignore 'events[*].kv.modRevision'   modRevision in kv of every element of events
    --ignore '**.modRevision'             every field named modRevision, at any depth
    --ignore 'items[0]'                   the first element of items, and all of it
    --ignore headers.x-request-id         a header the server sets anew on every call
    --ignore status.message               the status message (the code is still compared)
  Quote paths with * or [ ] so the shell leaves them alone. A path that matches no field of
  either recording is named on stderr: a typo must not quietly ignore nothing. headers.date
  and trailers.date are always left out.

Without connection flags the replay goes to the recorded address (or --target) in plain text,
with the recorded metadata. Any TLS flag (-cacert, -cert/-key, -insecure, -servername) or
-plaintext=false makes it TLS; -H and -rpc-header send these headers instead of the recorded.

${callFlagsHelp(REPLAY_FLAGS)}
Examples:
  gwb -plaintext -record get.ndjson -d '{"id":"1"}' localhost:50051 example.UserService/GetUser
  gwb replay get.ndjson --speed max
  gwb replay watch.ndjson --target staging:443 -cacert ca.pem --ignore '**.modRevision'
  gwb replay get.ndjson -cert client.pem -key client.key -cacert ca.pem --json
`;

export const MOCK_HELP = `Serves the server side of the given recordings (files, or folders of them; every recording
of a file of several, gwb proxy's NAME.recordings, or one as FILE#N) as a gRPC server
with reflection, in plain text, until Ctrl-C. A call to a recorded method is answered from the
recording whose client messages it matches, else from that method's first recording; each
call prints one line saying which recording answered and why.

mock listens rather than connects, so it takes no call flags.

Options:
  --port N           the port to listen on (default: a free one, printed)
  --host ADDRESS     the address to listen on (default 127.0.0.1)
  ${SPEED}
  --protocols all    also serve gRPC-Web and Connect (gwb's own flag), for browser and
                     connect-es clients: two more free ports, printed, one over HTTP/2 (which
                     answers gRPC too) and one over HTTP/1.1 (a plain-text port cannot take
                     both). Default grpc: the gRPC port only
  -h, --help         this help

Example:
  gwb mock recordings/ --port 50052 &
  gwb -plaintext localhost:50052 list
`;
