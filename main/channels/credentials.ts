import * as grpc from '@grpc/grpc-js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { ChannelConfigError, type Security } from './channel-types.js';

/**
 * grpc-js credentials for a security setting, with every PEM checked up front so a bad file gives
 * one clear line instead of a failure deep inside the first connection attempt.
 */
export function buildCredentials(security: Security): grpc.ChannelCredentials {
  if (security.kind === 'plaintext') return grpc.credentials.createInsecure();
  const { ca, cert, key, skipVerify } = security;
  if (key !== undefined && cert === undefined) {
    throw new ChannelConfigError(
      'TLS: a client key was given without a client certificate (both are needed for mTLS)',
    );
  }
  if (cert !== undefined && key === undefined) {
    throw new ChannelConfigError(
      'TLS: a client certificate was given without its private key (both are needed for mTLS)',
    );
  }
  checkPem(ca, 'CERTIFICATE', 'CA certificate');
  checkPem(cert, 'CERTIFICATE', 'client certificate');
  checkPem(key, 'PRIVATE KEY', 'client key');
  // Node's secure context skips CA blocks it cannot parse without a word; parse each one here.
  parseCertificates(ca, 'CA certificate');
  parseCertificates(cert, 'client certificate');
  if (key !== undefined) {
    try {
      createPrivateKey(key);
    } catch (error) {
      throw new ChannelConfigError(
        `TLS: the client key could not be read: ${(error as Error).message}`,
      );
    }
  }
  const verify: grpc.VerifyOptions = skipVerify
    ? // Explicit user choice only: no chain and no hostname check.
      { rejectUnauthorized: false, checkServerIdentity: () => undefined }
    : {};
  try {
    // Builds the same context createSsl would, but lets Node report which part is wrong.
    createSecureContext({
      ...(ca !== undefined ? { ca } : {}),
      ...(cert !== undefined ? { cert } : {}),
      ...(key !== undefined ? { key } : {}),
    });
  } catch (error) {
    throw new ChannelConfigError(
      `TLS: the certificate material could not be used: ${describeTlsError(error)}`,
    );
  }
  return grpc.credentials.createSsl(
    ca !== undefined ? Buffer.from(ca) : null,
    key !== undefined ? Buffer.from(key) : null,
    cert !== undefined ? Buffer.from(cert) : null,
    verify,
  );
}

function parseCertificates(pem: string | undefined, what: string): void {
  if (pem === undefined) return;
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0)
    throw new ChannelConfigError(`TLS: the ${what} has no "-----BEGIN CERTIFICATE-----" block`);
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      const which = blocks.length > 1 ? ` (certificate ${index + 1} of ${blocks.length})` : '';
      throw new ChannelConfigError(
        `TLS: the ${what}${which} could not be read: ${(error as Error).message}`,
      );
    }
  });
}

function checkPem(pem: string | undefined, label: string, what: string): void {
  if (pem === undefined) return;
  if (pem.trim() === '') throw new ChannelConfigError(`TLS: the ${what} is empty`);
  if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----`).test(pem)) {
    throw new ChannelConfigError(
      `TLS: the ${what} is not PEM (no "-----BEGIN ...${label}-----" block found)`,
    );
  }
}

function describeTlsError(error: unknown): string {
  const e = error as { message?: string; code?: string };
  if (e.message?.includes('key values mismatch'))
    return 'the client key does not belong to the client certificate';
  return e.code ? `${e.message} (${e.code})` : (e.message ?? String(error));
}
