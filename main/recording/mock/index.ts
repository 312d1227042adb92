export { startMockServer, type MockServer, type MockServerOptions } from './mock-server.js';
export { formatMockCall, type MockCallReport } from './mock-call-report.js';
export type { MockSpeed } from './play-server-side.js';
