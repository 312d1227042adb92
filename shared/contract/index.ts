export { commands, schemaSummarySchema, channelStateSchema } from './commands.js';
export { events } from './events.js';
export { CommandError, WorkbenchError, ERROR_CODES, isErrorCode } from './errors.js';
export type { ErrorCode, ErrorData } from './errors.js';
export { jsonValueSchema, jsonProblem } from './json.js';
export {
  connectionSchema,
  securitySchema,
  metadataInputSchema,
  pathSchema,
  idSchema,
  targetSchema,
} from './inputs.js';
export { callEventSchema, schemaModelSchema } from './model.js';
export type * from './types.js';

import { commands } from './commands.js';
import { events } from './events.js';
import type { CommandName, EventTopic } from './types.js';

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_TOPICS = Object.keys(events) as EventTopic[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
