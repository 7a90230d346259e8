// Oracle for exclusive-c14n.ts: the JDK's own Apache Santuario canonicalizer.
// Writes <file>.c14n next to each input: the exc-c14n (no comments) of its document element.
import java.io.*;
import java.nio.file.*;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.*;
import com.sun.org.apache.xml.internal.security.Init;
import com.sun.org.apache.xml.internal.security.c14n.Canonicalizer;

public class ExcC14n {
  public static void main(String[] args) throws Exception {
    Init.init();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Canonicalizer c = Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
    for (String file : args) {
      Document doc = f.newDocumentBuilder().parse(new File(file));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      c.canonicalizeSubtree(doc.getDocumentElement(), out);
      Files.write(Paths.get(file + ".c14n"), out.toByteArray());
    }
  }
}
