import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface KeyAndCertificate {
  readonly key: Buffer;
  readonly cert: Buffer;
}

/** What the certificate names: loopback as a browser reaches it, the page's iframe hosts (r1.localhost, ...) included. */
const SUBJECT_ALT_NAMES = 'subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1,IP:::1';
const VALID_DAYS = '2';
const OPENSSL_TIMEOUT_MS = 10_000;

let made: Promise<KeyAndCertificate> | undefined;

/**
 * A key and a self-signed certificate for loopback, made once per process by Debian's `openssl` (Node
 * can make keys but not certificates, and no package in the tree makes them), in a temporary folder
 * removed at once. A P-256 key: made in milliseconds, and what browsers negotiate fastest. Nothing
 * trusts it: the browser is launched to ignore certificate errors (bench/browser/session.ts).
 */
export function selfSignedCertificate(): Promise<KeyAndCertificate> {
  made ??= make();
  return made;
}

async function make(): Promise<KeyAndCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'wirebench-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    // argv, no shell: nothing here is user input, and nothing needs quoting
    await promisify(execFile)(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
        '-days', VALID_DAYS, '-subj', '/CN=localhost', '-addext', SUBJECT_ALT_NAMES],
      { timeout: OPENSSL_TIMEOUT_MS },
    ).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? 'openssl is not installed (apt-get install openssl)' : `openssl failed: ${error.message}`);
    });
    return { key: await readFile(key), cert: await readFile(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
