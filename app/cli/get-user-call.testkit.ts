// One GetUser call, the call most gwb tests make: the schema from example.proto (no reflection
// asked), user 1. Written once here so a test says only what differs (its flags, its address).
import { resourcePath } from '../../main/resources.js';
import { gwb, type CliRun } from './cli.testkit.js';

/** `-import-path <protos> -proto example.proto`: the example service from its file. */
export const EXAMPLE_PROTO_FLAGS: readonly string[] = [
  '-import-path',
  resourcePath('protos'),
  '-proto',
  'example.proto',
];

/** The command line of a GetUser call of user 1 to `address`, `flags` first. */
export const getUserArgs = (address: string, ...flags: string[]): string[] => [
  ...flags,
  ...EXAMPLE_PROTO_FLAGS,
  '-d',
  '{"id":"1"}',
  address,
  'example.UserService/GetUser',
];

/** `gwb FLAGS -import-path … -proto example.proto -d '{"id":"1"}' ADDRESS …/GetUser`. */
export const callGetUser = (address: string, ...flags: string[]): Promise<CliRun> =>
  gwb(getUserArgs(address, ...flags));

/**
 * Records a plaintext GetUser call of user 1 to the demo server at `address` into `file` (over
 * reflection: the recording holds the schema), `flags` first; fails the test if gwb complains.
 */
export async function recordGetUser(
  address: string,
  file: string,
  ...flags: string[]
): Promise<void> {
  const made = await gwb([
    '-plaintext',
    ...flags,
    '-record',
    file,
    '-d',
    '{"id":"1"}',
    address,
    'example.UserService/GetUser',
  ]);
  if (made.stderr !== '' || made.code !== 0)
    throw new Error(`recording GetUser failed (exit ${made.code}): ${made.stderr}`);
}
