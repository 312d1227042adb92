import { create } from '@bufbuild/protobuf';
import {
  Edition,
  FileDescriptorProtoSchema,
  SourceCodeInfoSchema,
  SourceCodeInfo_LocationSchema,
  type FileDescriptorProto,
  type SourceCodeInfo_Location,
} from '@bufbuild/protobuf/wkt';
import type protobuf from 'protobufjs';
import type { ParsedFile } from './parse-tree.js';

/** One FileDescriptorProto being filled by the converter, with its comments and dependencies. */
export class FileBuilder {
  readonly proto: FileDescriptorProto;
  private readonly locations: SourceCodeInfo_Location[] = [];
  private readonly refs = new Set<string>();
  private editionSet = false;

  constructor(readonly file: ParsedFile) {
    this.proto = create(FileDescriptorProtoSchema, { name: file.name, package: file.pkg ?? '' });
  }

  noteEdition(obj: protobuf.ReflectionObject): void {
    if (this.editionSet) return;
    this.editionSet = true;
    const edition = (obj as unknown as { _edition?: string })._edition;
    this.setEdition(edition ?? 'proto2');
  }

  setEdition(edition: string): void {
    // protoc leaves `syntax` unset for proto2.
    if (edition === 'proto3') this.proto.syntax = edition;
    else if (edition !== 'proto2') {
      this.proto.syntax = 'editions';
      this.proto.edition = Edition.EDITION_2023;
    }
  }

  ref(obj: protobuf.ReflectionObject): void {
    if (obj.filename && obj.filename !== this.file.name) this.refs.add(obj.filename);
  }

  comment(path: number[], text: string | null | undefined): void {
    if (!text) return;
    // protoc keeps the space after `//`; mimic it so every source reads back the same way.
    const leading =
      text
        .split('\n')
        .map((l) => (l ? ' ' + l : l))
        .join('\n') + '\n';
    this.locations.push(
      create(SourceCodeInfo_LocationSchema, { path, span: [0, 0, 0], leadingComments: leading }),
    );
  }

  finish(): FileDescriptorProto {
    if (!this.editionSet) {
      const m = /^\s*(syntax|edition)\s*=\s*["']([^"']+)["']/m.exec(this.file.source);
      this.setEdition(m?.[2] ?? 'proto2');
    }
    const deps = new Set(this.file.imports);
    for (const r of this.refs) deps.add(r);
    deps.delete(this.file.name);
    this.proto.dependency = [...deps];
    if (this.locations.length)
      this.proto.sourceCodeInfo = create(SourceCodeInfoSchema, { location: this.locations });
    return this.proto;
  }
}
