// Every event topic, declared once. The engine emits these; hosts forward them as
// `{t:'event', topic, payload}`.

import { z } from 'zod';
import { lazySchema } from '../request/lazy-schema.js';
import { callEventSchema } from './model.js';
import { channelStateSchema } from './commands.js';
import { workspaceEvents } from './workspace-commands.js';
import { recordingEvents } from './recording-commands.js';
import { runnerEvents } from './runner-commands.js';
import { checksEvents } from './checks-commands.js';
import { loadEvents } from './load-commands.js';
import { captureEvents } from './capture-commands.js';

export const events = {
  /** A batch of a call's event log, in seq order, never one message per gRPC message. */
  'call.events': lazySchema(() =>
    z.object({ callId: z.string(), events: z.array(callEventSchema) }),
  ),
  'channel.state': lazySchema(() =>
    z.object({ key: z.string(), target: z.string(), state: channelStateSchema }),
  ),
  'schema.progress': lazySchema(() =>
    z.object({
      progressId: z.string().optional(),
      source: z.enum(['proto_files', 'descriptor_set', 'reflection', 'merged']),
      phase: z.enum(['started', 'loading', 'done', 'failed']),
      message: z.string(),
      schemaId: z.string().optional(),
      /** Files seen so far, when the loader reports them. */
      files: z.number().int().optional(),
    }),
  ),
  ...workspaceEvents,
  ...recordingEvents,
  ...runnerEvents,
  ...checksEvents,
  ...loadEvents,
  ...captureEvents,
} as const satisfies Record<string, z.ZodType>;
