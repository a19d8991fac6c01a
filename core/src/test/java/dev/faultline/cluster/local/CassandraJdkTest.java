package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

class CassandraJdkTest {

    @Test
    void aHomeIsOfAReleaseWhenItsReleaseFileSaysSo(@TempDir Path dir) throws Exception {
        assertThat(CassandraJdk.isRelease(fakeJdk(dir.resolve("a"), "17.0.16"), 17)).isTrue();
        assertThat(CassandraJdk.isRelease(fakeJdk(dir.resolve("b"), "25"), 17)).isFalse();
        assertThat(CassandraJdk.isRelease(fakeJdk(dir.resolve("c"), "11.0.24"), 11)).isTrue();
        assertThat(CassandraJdk.isRelease(fakeJdk(dir.resolve("d"), "1.8.0_402"), 11)).isFalse();
        assertThat(CassandraJdk.isRelease(fakeJdk(dir.resolve("e"), "110"), 11)).isFalse();
        assertThat(CassandraJdk.isRelease(dir.resolve("missing"), 17)).isFalse();
    }

    @Test
    void cassandra5RunsOnJdk17AndCassandra4OnJdk11() {
        assertThat(CassandraJdk.releaseFor("5.0.6")).isEqualTo(17);
        assertThat(CassandraJdk.releaseFor("4.1.10")).isEqualTo(11);
        assertThat(CassandraJdk.releaseFor("4.0.19")).isEqualTo(11);
    }

    @Test
    void aJdkIsFoundAmongTheInstalledOnesByItsRelease(@TempDir Path jvm) throws Exception {
        fakeJdk(jvm.resolve("java-17"), "17.0.16");
        Path eleven = fakeJdk(jvm.resolve("java-11"), "11.0.24");
        // this JVM is a 17, so only a 11 shows that the installed folder is searched
        assertThat(CassandraJdk.locate(11, jvm)).contains(eleven.resolve("bin/java"));
        assertThat(CassandraJdk.locate(11, jvm.resolve("none"))).isEmpty();
    }

    @Test
    void findsAJava17ForCassandra5OnThisMachine() {
        Path java = CassandraJdk.find("5.0.6");
        assertThat(java).isExecutable();
        assertThat(CassandraJdk.isRelease(java.getParent().getParent(), 17)).isTrue();
    }

    @Test
    void aMissingJdkSaysWhichAndHowToGetIt() {
        assertThat(CassandraJdk.missing("4.1.10")).startsWith("a JDK 11 for Cassandra 4.1.10").contains("install-prerequisites.sh");
        assertThat(CassandraJdk.missing("5.0.6")).startsWith("a JDK 17 for Cassandra 5.0.6");
    }

    private static Path fakeJdk(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Files.createFile(home.resolve("bin/java"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return home;
    }
}
