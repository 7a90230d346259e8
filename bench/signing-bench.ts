/**
 * Signing benchmark (issue 5): the agent's own overhead per signature
 * (attributes, hashes, CMS assembly) next to a raw C_Sign on the same token,
 * and 100 documents batch-signed with one PIN on SoftHSM2 and on the GOST
 * test token. Run: node bench/signing-bench.ts   (prints its figures)
 */
import { performance } from 'node:perf_hooks';
import pkcs11js from 'pkcs11js';
import { prepareCadesBes } from '../agent/signing/cades-bes.ts';
import { cmsAlgorithmFor } from '../agent/signing/cms-algorithms.ts';
import { streebog256, streebog512 } from '../agent/signing/gost-algorithms.ts';
import { createTokenFixture } from '../test/support/token-fixture.ts';
import { createGostTokenFixture, gostTokenBuildable } from '../test/gost-token/gost-token-fixture.ts';

/** A document of the size of a typical SEMD 119 (about 20 KB of XML). */
const documentBytes = new TextEncoder().encode(`<ClinicalDocument>${'<section>Жалобы, анамнез, заключение.</section>'.repeat(380)}</ClinicalDocument>`);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number): string => `${x.toFixed(3)} ms`;

function measure(runs: number, f: () => void): number {
  for (let i = 0; i < 10; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Everything the agent does around C_Sign, with the token's answer replaced by fixed bytes. */
function agentOverhead(certificateDer: Uint8Array, key: 'ecdsa-p256' | 'gost2012-256', rawSignature: Uint8Array): number {
  const algorithm = cmsAlgorithmFor(key);
  return measure(200, () => {
    const prepared = prepareCadesBes({ content: documentBytes, certificateDer, signingTime: new Date(), algorithm });
    algorithm.tokenInput(prepared.signedAttributes);
    prepared.assemble(algorithm.signatureValue(rawSignature));
  });
}

/** C_SignInit + C_Sign of a 32-byte digest, in this process, on the fixture's token. */
function rawCSign(modulePath: string, env: Record<string, string>, pin: string, mechanism: number): number {
  Object.assign(process.env, env);
  const m = new pkcs11js.PKCS11();
  m.load(modulePath);
  m.C_Initialize();
  try {
    const slot = m.C_GetSlotList(true).find((s) => (m.C_GetTokenInfo(s).flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0)!;
    const session = m.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    m.C_Login(session, pkcs11js.CKU_USER, pin);
    m.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
    const key = m.C_FindObjects(session);
    m.C_FindObjectsFinal(session);
    if (!key) throw new Error('no private key on the token');
    const digest = Buffer.alloc(32, 7);
    const t = measure(200, () => {
      m.C_SignInit(session, { mechanism }, key);
      m.C_Sign(session, digest, Buffer.alloc(256));
    });
    m.C_Logout(session);
    m.C_CloseSession(session);
    return t;
  } finally {
    m.C_Finalize();
  }
}

async function batch(sign: (contents: Uint8Array[]) => Promise<Uint8Array[]>): Promise<number> {
  const docs = Array.from({ length: 100 }, (_, i) => new TextEncoder().encode(`<doc n="${i}">${'x'.repeat(20_000)}</doc>`));
  const t = performance.now();
  const sigs = await sign(docs);
  if (sigs.length !== 100) throw new Error('batch lost documents');
  return performance.now() - t;
}

/** Streebog alone: MB/s (10^6 bytes) over 256 KB, the median of 30 runs. */
function streebogThroughput(hash: (data: Uint8Array) => Uint8Array): string {
  const data = new Uint8Array(256 * 1024).map((_, i) => (i * 131) & 255);
  return `${(data.length / 1e6 / (measure(30, () => hash(data)) / 1000)).toFixed(1)} MB/s`;
}

console.log(`Streebog throughput: 256 ${streebogThroughput(streebog256)}, 512 ${streebogThroughput(streebog512)}`);

const soft = await createTokenFixture();
try {
  console.log('SoftHSM2, ECDSA P-256');
  console.log(`  raw C_SignInit+C_Sign (median)        ${ms(rawCSign(soft.modulePath, soft.env, soft.pin, pkcs11js.CKM_ECDSA))}`);
  console.log(`  agent overhead per signature (median) ${ms(agentOverhead(soft.certificate.der, 'ecdsa-p256', new Uint8Array(64).fill(1)))}`);
  await soft.client.listTokens(); // host started, as in a running agent
  const t = await batch((contents) => soft.client.signDetachedBatch({ contents, certificateFingerprint: soft.certificate.fingerprint, pin: soft.pin }));
  console.log(`  100 documents, one PIN               ${ms(t)}  (limit 2000 ms)`);
} finally {
  await soft.cleanup();
}

if (gostTokenBuildable()) {
  const gost = await createGostTokenFixture({ bits: 256 });
  try {
    console.log('GOST test token, GOST R 34.10-2012-256');
    console.log(`  raw C_SignInit+C_Sign (median)        ${ms(rawCSign(gost.config.modulePath, gost.config.env ?? {}, gost.pin, 0x1201))}`);
    console.log(`  agent overhead per signature (median) ${ms(agentOverhead(gost.certificate.der, 'gost2012-256', new Uint8Array(64).fill(1)))}`);
    console.log(`    of which Streebog-256 of the ${Math.round(documentBytes.length / 1024)} KB document ${ms(measure(200, () => streebog256(documentBytes)))}`);
    await gost.client.listTokens();
    const t = await batch((contents) => gost.client.signDetachedBatch({ contents, certificateFingerprint: gost.certificate.fingerprint, pin: gost.pin }));
    console.log(`  100 documents, one PIN               ${ms(t)}  (limit 2000 ms)`);
  } finally {
    await gost.cleanup();
  }
} else {
  console.log('GOST test token: skipped (needs gcc, libssl-dev, libengine-gost-openssl)');
}
