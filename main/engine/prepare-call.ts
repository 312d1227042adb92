// What the call registry needs from the workspace before a call: the request with its variables
// substituted (secrets too, so their values never reach a client), and where relative files are
// read from. The workspace engine provides it (createWorkspaceEngine's prepareCall).
import type { RequestDocument } from '../../shared/request/document.js';

export interface PrepareCallInput {
  request: RequestDocument;
  /** Default: the selected environment; null: none. */
  environment?: string | null;
}

export interface PreparedCall {
  /** The request with `{{variables}}` replaced by their values. */
  request: RequestDocument;
  /** Secret variable values used (name → value), masked in what is kept (history). */
  secrets: Map<string, string>;
  /** Variables with no value, and where each was used (`metadata[0].value`, `messages[1].id`). */
  unknown: { name: string; where: string }[];
  /** The environment whose values were used. */
  environment?: string;
  /** Relative certificate and proto paths start here: the open workspace's folder. */
  baseDir: string;
}

export type PrepareCall = (input: PrepareCallInput) => Promise<PreparedCall>;
