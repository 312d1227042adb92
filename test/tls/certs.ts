// Test certificates made with the openssl CLI in a temp dir: a CA, a server certificate for
// localhost/127.0.0.1 and one for another host (both signed by the CA), a client certificate for
// mTLS, and a self-signed server certificate no one trusts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface KeyPair {
  cert: string;
  key: string;
}

export interface TestCerts {
  dir: string;
  ca: KeyPair;
  /** Signed by `ca`, SAN localhost and 127.0.0.1. */
  server: KeyPair;
  /** Signed by `ca`, SAN other.example only (for hostname mismatch and name overrides). */
  otherHost: KeyPair;
  /** Signed by `ca`, for client authentication. */
  client: KeyPair;
  /** Self-signed, SAN localhost and 127.0.0.1, trusted by nobody. */
  selfSigned: KeyPair;
  /** Removes the temp dir. */
  cleanup(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(dir: string, args: string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  }
}

function read(dir: string, name: string): KeyPair {
  return {
    cert: fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8'),
    key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'),
  };
}

function signed(dir: string, name: string, cn: string, extensions: string): void {
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'req',
    '-new',
    ...EC,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${cn}`,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

export function makeTestCerts(): TestCerts {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gwb-certs-'));
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=gwb test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  signed(
    dir,
    'server',
    'localhost',
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  signed(
    dir,
    'other',
    'other.example',
    'subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n',
  );
  signed(dir, 'client', 'gwb test client', 'extendedKeyUsage=clientAuth\n');
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'self.key',
    '-out',
    'self.crt',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return {
    dir,
    ca: read(dir, 'ca'),
    server: read(dir, 'server'),
    otherHost: read(dir, 'other'),
    client: read(dir, 'client'),
    selfSigned: read(dir, 'self'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
