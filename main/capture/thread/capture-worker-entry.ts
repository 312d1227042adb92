// The capture thread's entry: its own bundle (dist/capture-thread.cjs, scripts/build.mjs), or run
// from source through tsx (tests). See capture-thread.ts.
import { runCaptureWorker } from './capture-worker.js';

runCaptureWorker();
