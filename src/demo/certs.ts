// The demo cluster's TLS: a self-signed CA and a server certificate it signs for 127.0.0.1
// and localhost. Generated once and cached in the temp dir (EC keys, SHA-256: Go's TLS, i.e.
// kubectl, rejects SHA-1 signatures), regenerated when close to expiry.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface DemoCerts {
  caCert: string;
  cert: string;
  key: string;
}

const DAY_MS = 86_400_000;

let memo: Promise<DemoCerts> | undefined;

/** The cached certificates, made on first use. */
export function demoCerts(cacheDir = join(tmpdir(), 'podscope-demo-certs')): Promise<DemoCerts> {
  memo ??= loadOrCreate(cacheDir).catch((err: unknown) => {
    memo = undefined;
    throw err;
  });
  return memo;
}

async function loadOrCreate(dir: string): Promise<DemoCerts> {
  const file = join(dir, 'certs.json');
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as DemoCerts;
    if (stillValid(cached)) return cached;
  } catch {
    // Missing or unreadable cache: make new certificates below.
  }
  const certs = await createCerts();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Write then rename so concurrent servers never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(certs), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only temp dir only costs regeneration next time.
  }
  return certs;
}

function stillValid(c: DemoCerts): boolean {
  if (!c?.caCert || !c.cert || !c.key) return false;
  const cert = new X509Certificate(c.cert);
  const ca = new X509Certificate(c.caCert);
  const until = Math.min(Date.parse(cert.validTo), Date.parse(ca.validTo));
  return until - Date.now() > 7 * DAY_MS && cert.checkIssued(ca) && cert.checkIP('127.0.0.1') !== undefined;
}

export async function createCerts(): Promise<DemoCerts> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'podscope-demo-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caCert: ca.cert, cert: server.cert, key: server.private };
}
