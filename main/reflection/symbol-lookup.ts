import type * as grpc from '@grpc/grpc-js';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { fetchReflectionFiles } from './fetch-reflection-files.js';
import { ReflectionError } from './reflection-error.js';

// A schema loaded by reflection holds the files of the services the server lists. A type packed in
// an Any (or named by `describe`) can live in a file none of them imports: grpcurl then asks the
// server's reflection for it by name (file_containing_symbol). So do we, once per name.

export interface SymbolLookupOptions {
  /** Sent with the reflection call (grpcurl -reflect-header). */
  metadata?: MetadataEntry[];
  /** For one lookup, both protocol versions included. */
  deadlineMs?: number;
}

/**
 * The files (imports included) that define `symbol`, from the server's reflection; empty when the
 * server does not know it, or cannot be asked (the caller then goes on without it, as before).
 */
export async function filesForSymbol(
  client: grpc.Client,
  symbol: string,
  opts: SymbolLookupOptions = {},
): Promise<FileDescriptorProto[]> {
  try {
    return (
      await fetchReflectionFiles(client, { ...opts, symbols: [symbol], skipServiceList: true })
    ).files;
  } catch (error) {
    if (error instanceof ReflectionError) return [];
    throw error;
  }
}

/**
 * Looks symbols up once each: a name asked before is answered from the first answer (also while
 * that is still on its way), whether the server knew it or not.
 */
export function cachedSymbolLookup(
  lookup: (symbol: string) => Promise<FileDescriptorProto[]>,
): (symbol: string) => Promise<FileDescriptorProto[]> {
  const asked = new Map<string, Promise<FileDescriptorProto[]>>();
  return (symbol) => {
    let files = asked.get(symbol);
    if (!files) {
      files = lookup(symbol).catch(() => []);
      asked.set(symbol, files);
    }
    return files;
  };
}
