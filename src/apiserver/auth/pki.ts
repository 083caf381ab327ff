/**
 * The server's PKI: a CA and a serving certificate for HTTPS, and the key pair that signs
 * ServiceAccount tokens. Generated on first start with WebCrypto (ECDSA P-256), kept as PEM
 * in the data directory (keys 0600) and reloaded on later starts, so kubeconfigs and tokens
 * issued earlier stay valid. The serving certificate alone is re-issued when it no longer
 * covers the requested hosts or nears expiry; the CA is never replaced while its files exist.
 */
import 'reflect-metadata';
import { X509Certificate as NodeX509, createPrivateKey, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { readFileIfExists, writePrivateFile } from './private-file.js';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type X509Crypto = NonNullable<Parameters<typeof x509.X509CertificateGenerator.create>[1]>;

/** Node's WebCrypto, passed explicitly rather than set as the library's global provider. */
const provider = webcrypto as unknown as X509Crypto;

export interface ServingPki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface PkiOptions {
  dataDir: string;
  /** Extra DNS names or IP addresses the serving certificate must cover. */
  hosts?: readonly string[];
  now?: () => Date;
}

export const pkiFiles = {
  caCert: 'pki/ca.crt',
  caKey: 'pki/ca.key',
  servingCert: 'pki/apiserver.crt',
  servingKey: 'pki/apiserver.key',
  saKey: 'pki/sa.key',
  saPub: 'pki/sa.pub',
} as const;

const keyAlgorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
const day = 24 * 60 * 60 * 1000;
const caLifetime = 10 * 365 * day;
const servingLifetime = 365 * day;
/** Re-issue the serving certificate when less than this is left. */
const renewBefore = 30 * day;
const defaultHosts = ['127.0.0.1', '::1', 'localhost'];

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify']);
}

async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function exportPublicKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('spki', key), 'PUBLIC KEY');
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  // Normalise whatever PEM form the file holds (PKCS#8 or SEC1) to PKCS#8 for WebCrypto.
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, keyAlgorithm, true, ['sign']);
}

async function importPublicKey(pem: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('spki', x509.PemConverter.decodeFirst(pem), keyAlgorithm, true, ['verify']);
}

interface Ca {
  certPem: string;
  cert: x509.X509Certificate;
  key: CryptoKey;
}

async function loadOrCreateCa(dataDir: string, now: Date): Promise<Ca> {
  const certPath = join(dataDir, pkiFiles.caCert);
  const keyPath = join(dataDir, pkiFiles.caKey);
  const [certPem, keyPem] = await Promise.all([readFileIfExists(certPath), readFileIfExists(keyPath)]);
  if (certPem && keyPem) return { certPem, cert: new x509.X509Certificate(certPem), key: await importPrivateKey(keyPem) };
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: 'CN=flotilla-ca',
      keys,
      serialNumber: randomSerial(),
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + caLifetime),
      signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, provider),
      ],
    },
    provider,
  );
  const pem = cert.toString('pem');
  // Key first: a certificate on disk without its key would be unusable on the next start.
  await writePrivateFile(keyPath, await exportPrivateKeyPem(keys.privateKey));
  await writePrivateFile(certPath, pem, { public: true });
  return { certPem: pem, cert, key: keys.privateKey };
}

function randomSerial(): string {
  // Positive 16-byte serial: clear the top bit so DER does not read it as negative.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** Whether an existing serving certificate can be kept: signed by this CA, covering every host, not near expiry. */
export function servingCertUsable(certPem: string, caPem: string, hosts: readonly string[], now: Date): boolean {
  let cert: NodeX509;
  try {
    cert = new NodeX509(certPem);
    if (!cert.verify(new NodeX509(caPem).publicKey)) return false;
  } catch {
    return false;
  }
  if (new Date(cert.validTo).getTime() - now.getTime() < renewBefore) return false;
  return hosts.every((host) => (isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined));
}

async function issueServingCert(ca: Ca, hosts: readonly string[], now: Date): Promise<{ certPem: string; keyPem: string }> {
  const keys = await generateKeyPair();
  const names = hosts.map((value) => ({ type: isIP(value) ? ('ip' as const) : ('dns' as const), value }));
  const cert = await x509.X509CertificateGenerator.create(
    {
      subject: 'CN=flotilla-apiserver',
      issuer: ca.cert.subject,
      publicKey: keys.publicKey,
      signingKey: ca.key,
      serialNumber: randomSerial(),
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + servingLifetime),
      signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false, provider),
      ],
    },
    provider,
  );
  return { certPem: cert.toString('pem'), keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** CA and serving certificate, ready for `https.createServer({ cert, key })` and a kubeconfig's CA data. */
export async function loadOrCreateServingPki(options: PkiOptions): Promise<ServingPki> {
  const now = options.now?.() ?? new Date();
  const hosts = [...new Set([...defaultHosts, ...(options.hosts ?? [])])];
  const ca = await loadOrCreateCa(options.dataDir, now);
  const certPath = join(options.dataDir, pkiFiles.servingCert);
  const keyPath = join(options.dataDir, pkiFiles.servingKey);
  const [certPem, keyPem] = await Promise.all([readFileIfExists(certPath), readFileIfExists(keyPath)]);
  if (certPem && keyPem && servingCertUsable(certPem, ca.certPem, hosts, now)) return { caPem: ca.certPem, certPem, keyPem };
  const issued = await issueServingCert(ca, hosts, now);
  await writePrivateFile(keyPath, issued.keyPem);
  await writePrivateFile(certPath, issued.certPem, { public: true });
  return { caPem: ca.certPem, ...issued };
}

export interface ServiceAccountKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicKeyPem: string;
}

/** The key pair that signs ServiceAccount tokens; replacing it would invalidate every token. */
export async function loadOrCreateServiceAccountKeys(options: { dataDir: string }): Promise<ServiceAccountKeys> {
  const keyPath = join(options.dataDir, pkiFiles.saKey);
  const pubPath = join(options.dataDir, pkiFiles.saPub);
  const [keyPem, pubPem] = await Promise.all([readFileIfExists(keyPath), readFileIfExists(pubPath)]);
  if (keyPem && pubPem) {
    return { privateKey: await importPrivateKey(keyPem), publicKey: await importPublicKey(pubPem), publicKeyPem: pubPem };
  }
  const keys = await generateKeyPair();
  const publicKeyPem = await exportPublicKeyPem(keys.publicKey);
  await writePrivateFile(keyPath, await exportPrivateKeyPem(keys.privateKey));
  await writePrivateFile(pubPath, publicKeyPem, { public: true });
  return { privateKey: keys.privateKey, publicKey: keys.publicKey, publicKeyPem };
}
