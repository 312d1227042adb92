// The file extensions each kind of file field wants (lower case, with the dot): the one list the
// engine's file browser (files.list), the desktop's native dialog (files.pick) and the window's
// drop zone filter with. No zod here: the renderer imports it at run time.
export const FILE_EXTENSIONS = {
  proto: ['.proto'],
  descriptorSet: ['.protoset', '.pb', '.bin', '.desc', '.protobin', '.binpb', '.dsc'],
  certificate: ['.pem', '.crt', '.cer', '.key', '.der'],
  /** The runner's data files (CSV or a JSON array of rows). */
  data: ['.csv', '.json'],
} as const satisfies Record<
  'proto' | 'descriptorSet' | 'certificate' | 'data',
  readonly `.${string}`[]
>;
