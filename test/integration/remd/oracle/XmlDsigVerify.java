// Oracle for ws-security.ts: the JDK's XML Signature (Apache Santuario) validates a signed
// envelope with the key of its BinarySecurityToken; prints core and per-Reference validity,
// one line per file given.
import java.io.*;
import java.security.cert.*;
import java.util.Base64;
import javax.xml.crypto.dsig.*;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.*;

public class XmlDsigVerify {
  static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  public static void main(String[] args) throws Exception {
    for (String file : args) System.out.println(verify(file));
  }

  static String verify(String file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new File(file));
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttributeNS(WSU, "Id")) e.setIdAttributeNS(WSU, "Id", true);
    }
    Element bst = (Element) doc.getElementsByTagNameNS(WSSE, "BinarySecurityToken").item(0);
    byte[] der = Base64.getMimeDecoder().decode(bst.getTextContent());
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    Node sig = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
    DOMValidateContext ctx = new DOMValidateContext(cert.getPublicKey(), sig);
    ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.FALSE);
    XMLSignature s = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
    boolean core = s.validate(ctx);
    StringBuilder out = new StringBuilder("core=" + core + " signatureValue=" + s.getSignatureValue().validate(ctx));
    for (Object r : s.getSignedInfo().getReferences()) out.append(" ").append(((Reference) r).getURI()).append("=").append(((Reference) r).validate(ctx));
    return out.toString();
  }
}
