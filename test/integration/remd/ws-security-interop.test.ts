/**
 * Interoperability of our exclusive c14n and WS-Security signatures with an
 * independent implementation: Apache Santuario as shipped in the JDK (run
 * from oracle/*.java). Skipped where no `java` is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../../agent/egisz/remd/exclusive-c14n.ts';
import { writeRegisterDocumentRequest } from '../../../agent/egisz/remd/register-document.ts';
import { buildEnvelope, newMessageId } from '../../../agent/egisz/remd/soap-envelope.ts';
import { keyPairSigner, signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { parseXml } from '../../../agent/egisz/remd/xml-reader.ts';
import type { Element } from '../../../agent/egisz/remd/xml-reader.ts';
import { sampleRequest } from '../../unit/agent/egisz/remd/sample-request.ts';
import { selfSignedCertificate } from '../../unit/agent/egisz/remd/test-certificate.ts';

const hasJava = spawnSync('java', ['-version']).status === 0;
const oracle = (name: string) => fileURLToPath(new URL(`./oracle/${name}.java`, import.meta.url));
const santuario = ['--add-exports', 'java.xml.crypto/com.sun.org.apache.xml.internal.security=ALL-UNNAMED',
  '--add-exports', 'java.xml.crypto/com.sun.org.apache.xml.internal.security.c14n=ALL-UNNAMED'];
const dir = mkdtempSync(join(tmpdir(), 'egisz-c14n-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus: Record<string, string> = {
  'namespaces in use, unused, rebound and undeclared':
    '<a:r xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:d"><b:x a:y="1"/><c xmlns:a="urn:other" a:z="2"/><d xmlns="urn:d"/><e xmlns=""><f xmlns="urn:f"/></e></a:r>',
  'a prefix rebound twice': '<r xmlns:p="urn:p"><p:x xmlns:p="urn:q"><p:y xmlns:p="urn:p"/></p:x></r>',
  'attribute order and xml: attributes': '<r b="2" a="1" xmlns:z="urn:a" xmlns:y="urn:b" y:c="3" z:d="4" xml:lang="ru" xml:space="preserve"/>',
  'escapes and character references': '<r v="&lt;&amp;&quot;&#9;&#10;&#13;&gt;\'">a &amp; b &lt; c &gt; d " \' &#13; &#x20AC; &#x1F600;</r>',
  'literal whitespace and line ends': '<r v="a\tb\nc\r\nd">x\r\ny\rz</r>',
  'CDATA sections': '<r><![CDATA[<tag> & ]]]]><![CDATA[>]]></r>',
  'comments and processing instructions': '<r><!-- c --><?pi   some   data ?><?empty?>  <x/>\n</r>',
  'Cyrillic names and text': '<р:корень xmlns:р="urn:ру" я="1" а="2">Текст — «ёлки»</р:корень>',
  'the golden SEMD': readFileSync(new URL('../../fixtures/semd/consultation-119.golden.xml', import.meta.url), 'utf8'),
};

describe.skipIf(!hasJava)('interoperability with Apache Santuario (JDK)', () => {
  it('canonicalizes every document of the corpus exactly as Santuario does', () => {
    const files = Object.values(corpus).map((xml, i) => {
      const file = join(dir, `doc-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    execFileSync('java', [...santuario, oracle('ExcC14n'), ...files]);
    Object.keys(corpus).forEach((name, i) => {
      const file = files[i]!;
      const ours = canonicalize(parseXml(readFileSync(file, 'utf8')).documentElement as unknown as Element);
      expect({ name, c14n: ours }).toEqual({ name, c14n: readFileSync(`${file}.c14n`, 'utf8') });
    });
  });

  it.each([['RSA', 'rsa'], ['ECDSA P-256', 'ec']] as const)('has %s envelope signatures validated by Santuario', async (_name, kind) => {
    const pair = selfSignedCertificate(kind);
    const xml = buildEnvelope({
      messageId: newMessageId(), action: 'registerDocument', to: 'https://ips.test/remd', replyTo: 'http://127.0.0.1:1/cb',
      clientEntityId: 'client-1', body: (b) => writeRegisterDocumentRequest(b, sampleRequest()),
    });
    const signed = await signEnvelope(xml, keyPairSigner(pair.keyPem, pair.certificatePem));
    const file = join(dir, `signed-${kind}.xml`);
    const tampered = join(dir, `tampered-${kind}.xml`);
    writeFileSync(file, signed);
    writeFileSync(tampered, signed.replace('<ser:kind>119</ser:kind>', '<ser:kind>227</ser:kind>'));
    const [good, bad] = execFileSync('java', [oracle('XmlDsigVerify'), file, tampered]).toString().trim().split('\n');
    expect(good).toMatch(/^core=true signatureValue=true( #[\w-]+=true){6}$/);
    expect(bad).toMatch(/^core=false .*#Body-[0-9a-f]+=false/);
  });
});
