// How much one `schema.loadContents` (a drop) may hold. Plain numbers, no zod: the renderer says
// these bounds before it reads a dropped file, and its bundle carries no schema library.
const MiB = 1024 * 1024;

export const MAX_DROPPED_FILES = 2000;
/** Characters of one .proto file's text (googleapis' largest is under 1 MiB). */
export const MAX_DROPPED_PROTO_CHARS = 16 * MiB;
/** Characters of one descriptor set in base64 (about 36 MiB of bytes). */
export const MAX_DROPPED_SET_BASE64 = 48 * MiB;
/** Characters of every file together: a drop fits one message of the web host's socket (64 MiB). */
export const MAX_DROPPED_TOTAL_CHARS = 48 * MiB;
