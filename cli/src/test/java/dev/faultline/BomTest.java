package dev.faultline;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** faultline-bom aligns every module a user can depend on, at the build's own version, and the libraries core shares with a user's build at the versions it is built with. */
class BomTest {

    @Test
    void theBomManagesEveryModuleAtTheParentsVersion() throws Exception {
        Document parent = read(Path.of("pom.xml"));
        String version = child(parent.getDocumentElement(), "version");
        Document bom = read(Path.of("bom", "pom.xml"));
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);

        List<String> modules = new ArrayList<>();
        NodeList listed = parent.getElementsByTagName("module");
        for (int i = 0; i < listed.getLength(); i++) {
            String directory = listed.item(i).getTextContent();
            if (!directory.equals("bom")) {
                modules.add(child(read(Path.of(directory, "pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        Map<String, String> managed = new LinkedHashMap<>();
        Map<String, String> others = new LinkedHashMap<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            (child(dependency, "groupId").equals("dev.faultline") ? managed : others)
                    .put(child(dependency, "artifactId"), child(dependency, "version"));
        }
        assertThat(managed.keySet()).containsExactlyInAnyOrderElementsOf(modules);
        assertThat(managed.values()).containsOnly(version);
        assertThat(others).as("the libraries core shares with a team's build, at the versions the build uses").containsExactly(
                Map.entry("junit-bom", property(parent, "junit.version")),
                Map.entry("jackson-bom", property(parent, "jackson.version")),
                Map.entry("assertj-core", property(parent, "assertj.version")),
                Map.entry("slf4j-api", property(parent, "slf4j.version")));
    }

    private static String property(Document pom, String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().strip();
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of {@code element}'s own child called {@code name} (not a grandchild's, such as the parent's version). */
    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError(element.getTagName() + " has no " + name);
    }
}
