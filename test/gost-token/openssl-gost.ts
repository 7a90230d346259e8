/**
 * OpenSSL 3 with Debian's gost-engine as the independent GOST oracle for
 * tests: key and certificate generation, `cms -sign/-verify -cades`.
 * The engine is loaded through an OPENSSL_CONF written into the test's dir.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';

const run = promisify(execFile);

/** Debian's libengine-gost-openssl puts gost.so here; OPENSSL_ENGINES must point at it when the module runs inside Node. */
export const GOST_ENGINES_DIR = '/usr/lib/x86_64-linux-gnu/engines-3';
export const gostEngineAvailable = (): boolean => existsSync(join(GOST_ENGINES_DIR, 'gost.so'));

export class OpensslGost {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(dir: string) {
    this.dir = dir;
    const conf = join(dir, 'openssl-gost.cnf');
    writeFileSync(conf, [
      'openssl_conf = openssl_init',
      '[openssl_init]', 'engines = engine_section',
      '[engine_section]', 'gost = gost_section',
      '[gost_section]', 'engine_id = gost', 'default_algorithms = ALL', '',
    ].join('\n'));
    this.env = { ...process.env, OPENSSL_CONF: conf, OPENSSL_ENGINES: GOST_ENGINES_DIR };
  }

  async openssl(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return run('openssl', args, { env: this.env, cwd: this.dir });
  }

  /**
   * A GOST key and a self-signed certificate shaped like a КЭП.
   * paramset: A/B/C (CryptoPro, 256) or A/B (tc26, 512).
   */
  async makeKeyAndCertificate(name: string, bits: 256 | 512, paramset = 'A', snils = '11223344595'): Promise<{ keyFile: string; certFile: string; certDer: Uint8Array; privateKey: Uint8Array }> {
    const keyFile = join(this.dir, `${name}.key.pem`);
    const certFile = join(this.dir, `${name}.pem`);
    const cnf = join(this.dir, `${name}.cnf`);
    writeFileSync(cnf, [
      '[req]', 'distinguished_name = dn', 'prompt = no', 'utf8 = yes', 'string_mask = utf8only', 'x509_extensions = ext',
      '[dn]', 'C = RU', 'CN = Иванова Мария Петровна', 'SN = Иванова', 'GN = Мария Петровна', `SNILS = ${snils}`,
      '[ext]', 'keyUsage = critical, digitalSignature, nonRepudiation', '',
    ].join('\n'));
    await this.openssl(['genpkey', '-algorithm', `gost2012_${bits}`, '-pkeyopt', `paramset:${paramset}`, '-out', keyFile]);
    await this.openssl(['req', '-new', '-x509', '-key', keyFile, '-config', cnf, '-days', '30', '-out', certFile]);
    const derFile = join(this.dir, `${name}.der`);
    await this.openssl(['x509', '-in', certFile, '-outform', 'DER', '-out', derFile]);
    return { keyFile, certFile, certDer: new Uint8Array(readFileSync(derFile)), privateKey: gostPrivateKey(readFileSync(keyFile, 'utf8')) };
  }

  /** True when `openssl cms -verify -cades` accepts the detached signature. */
  async verifies(content: Uint8Array, cms: Uint8Array, caFile: string, name = 'check'): Promise<boolean> {
    const doc = join(this.dir, `${name}.bin`);
    const sig = join(this.dir, `${name}.p7s`);
    writeFileSync(doc, content);
    writeFileSync(sig, cms);
    try {
      const { stderr } = await this.openssl(['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', sig, '-content', doc, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null']);
      return /CAdES Verification successful/.test(stderr);
    } catch {
      return false;
    }
  }

  /** OpenSSL's own detached CAdES-BES over `content`. */
  async sign(content: Uint8Array, certFile: string, keyFile: string, bits: 256 | 512, name = 'ossl'): Promise<Uint8Array> {
    const doc = join(this.dir, `${name}.bin`);
    const sig = join(this.dir, `${name}.p7s`);
    writeFileSync(doc, content);
    await this.openssl(['cms', '-sign', '-cades', '-binary', '-in', doc, '-signer', certFile, '-inkey', keyFile, '-md', `md_gost12_${bits}`, '-outform', 'DER', '-out', sig, '-nosmimecap']);
    return new Uint8Array(readFileSync(sig));
  }
}

/** The raw private key (little-endian scalar) from gost-engine's PKCS#8 PEM. */
export function gostPrivateKey(pem: string): Uint8Array {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const info = asn1js.fromBER(der).result as asn1js.Sequence;
  const key = info.valueBlock.value[2] as asn1js.OctetString;
  return new Uint8Array(key.valueBlock.valueHexView);
}
