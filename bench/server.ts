// The fixed grpc-js bench server, run in its own process so that client-side figures are not
// skewed by the server sharing the client's event loop. Prints `PORT <n>` when listening.
import { benchServer, listen } from './_bench-service.js';

const server = benchServer();
void listen(server).then((port) => process.stdout.write(`PORT ${port}\n`));
process.on('disconnect', () => server.forceShutdown());
