import type {
  DescEnum,
  DescEnumValue,
  DescExtension,
  DescField,
  DescFile,
  DescMessage,
  DescMethod,
  DescOneof,
  DescService,
} from '@bufbuild/protobuf';

// The leading comment of one element, read from its file's SourceCodeInfo by the element's path.
// grpcurl prints leading comments only (protoprint's CommentsNonDoc): never trailing or detached.

export type CommentedDesc =
  | DescService
  | DescMethod
  | DescMessage
  | DescEnum
  | DescEnumValue
  | DescField
  | DescExtension
  | DescOneof;

function messagePath(message: DescMessage): number[] {
  if (message.parent) {
    return [
      ...messagePath(message.parent),
      3,
      message.parent.proto.nestedType.indexOf(message.proto),
    ];
  }
  return [4, message.file.proto.messageType.indexOf(message.proto)];
}

/** descriptor.proto's field numbers along the way, as SourceCodeInfo.Location.path spells them. */
function pathOf(desc: CommentedDesc): number[] {
  switch (desc.kind) {
    case 'service':
      return [6, desc.file.proto.service.indexOf(desc.proto)];
    case 'rpc':
      return [...pathOf(desc.parent), 2, desc.parent.proto.method.indexOf(desc.proto)];
    case 'message':
      return messagePath(desc);
    case 'enum':
      return desc.parent
        ? [...messagePath(desc.parent), 4, desc.parent.proto.enumType.indexOf(desc.proto)]
        : [5, desc.file.proto.enumType.indexOf(desc.proto)];
    case 'enum_value':
      return [...pathOf(desc.parent), 2, desc.parent.proto.value.indexOf(desc.proto)];
    case 'field':
      return [...messagePath(desc.parent), 2, desc.parent.proto.field.indexOf(desc.proto)];
    case 'extension':
      return desc.parent
        ? [...messagePath(desc.parent), 6, desc.parent.proto.extension.indexOf(desc.proto)]
        : [7, desc.file.proto.extension.indexOf(desc.proto)];
    case 'oneof':
      return [...messagePath(desc.parent), 8, desc.parent.proto.oneofDecl.indexOf(desc.proto)];
  }
}

function fileOf(desc: CommentedDesc): DescFile {
  switch (desc.kind) {
    case 'rpc':
      return desc.parent.file;
    case 'enum_value':
      return desc.parent.file;
    case 'field':
    case 'oneof':
      return desc.parent.file;
    default:
      return desc.file;
  }
}

/** Leading comments by path, once per file (describe of a whole service asks for each element). */
const leadingByFile = new WeakMap<DescFile, Map<string, string>>();

function leadingComments(file: DescFile): Map<string, string> {
  let index = leadingByFile.get(file);
  if (!index) {
    index = new Map();
    for (const loc of file.proto.sourceCodeInfo?.location ?? []) {
      if (loc.leadingComments) index.set(loc.path.join(','), loc.leadingComments);
    }
    leadingByFile.set(file, index);
  }
  return index;
}

/** The element's leading comment as `// …` lines at `indent`, or nothing. */
export function leadingCommentLines(desc: CommentedDesc, indent: string): string[] {
  const text = leadingComments(fileOf(desc)).get(pathOf(desc).join(','));
  if (!text) return [];
  // protoprint's way: every line of the comment but the newline that ends it, a space after `//`
  // unless the line starts with one.
  return text
    .replace(/\r/g, '')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${indent}//${line === '' || line.startsWith(' ') ? '' : ' '}${line}`);
}
