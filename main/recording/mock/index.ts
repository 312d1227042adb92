export { startMockServer, type MockServer, type MockServerOptions } from './mock-server.js';
export type { MockSpeed } from './play-server-side.js';
