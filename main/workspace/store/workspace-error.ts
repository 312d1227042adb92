/** A failure the user can act on: says what and where (file, line, field path). */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    message: string,
    /** An errno code (ENOSPC, EFBIG, ENOENT…) or one of ours (EEXIST, EINVAL, ECORRUPT). */
    readonly code: string = 'EINVAL',
  ) {
    super(message);
  }
}
