// The worker thread's entry when running from source (tests, tsx); bundles run their own entry
// again instead (worker-script.ts).
import { runLoadWorker } from './worker-main.js';

runLoadWorker();
