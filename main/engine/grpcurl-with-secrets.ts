// "Copy as grpcurl" with secrets included (export.grpcurlWithSecrets): the request prepared by the
// call path's own prepareCall — variables and secrets substituted, the auth it inherits from its
// folders applied, an OAuth2 token fetched — then written by the one grpcurl exporter. The answer
// holds secret values on purpose (the user asked for them): it is returned for that one copy and
// neither logged nor kept here.
import { CommandError } from '../../shared/contract/errors.js';
import type { Output, ParsedInput } from '../../shared/contract/types.js';
import { GrpcurlError, grpcurlCommand, notInGrpcurl } from '../../shared/grpcurl/index.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { refuseUnknownVariables, type PrepareCall } from './prepare-call.js';

type Name = 'export.grpcurlWithSecrets';

/**
 * prepareCall appends the auth's header after the request's own rows (which it substitutes one
 * for one), so a row more than the request has is the auth's. The exporter writes it as the Auth
 * section would be written, the document's own auth no longer read.
 */
function splitAuthRow(
  request: RequestDocument,
  prepared: RequestDocument,
): { doc: RequestDocument; authRow?: MetadataRow } {
  const own = request.metadata.length;
  const { auth: _auth, ...rest } = prepared;
  if (prepared.metadata.length === own) return { doc: rest };
  const authRow = prepared.metadata[own];
  if (prepared.metadata.length !== own + 1 || authRow === undefined)
    throw new Error(`prepareCall answered ${prepared.metadata.length} metadata rows for ${own}`);
  return { doc: { ...rest, metadata: prepared.metadata.slice(0, own) }, authRow };
}

export function grpcurlWithSecrets(prepareCall: PrepareCall) {
  return async (input: ParsedInput<Name>): Promise<Output<Name>> => {
    const prepared = await prepareCall(input);
    // A variable with no value would be copied as `{{name}}` into a command meant to run as is.
    refuseUnknownVariables(prepared, 'nothing was copied');
    const { doc, authRow } = splitAuthRow(input.request, prepared.request);
    const options = authRow ? { resolvedAuth: authRow } : {};
    try {
      return { command: grpcurlCommand(doc, options), left: notInGrpcurl(doc, options) };
    } catch (error) {
      if (error instanceof GrpcurlError) throw new CommandError('invalid_input', error.message);
      throw error;
    }
  };
}
