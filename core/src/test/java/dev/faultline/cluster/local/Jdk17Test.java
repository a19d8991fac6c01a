package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

class Jdk17Test {

    @Test
    void aHomeIsJava17WhenItsReleaseFileSaysSo(@TempDir Path dir) throws Exception {
        assertThat(Jdk17.isJava17(fakeJdk(dir.resolve("a"), "17.0.16"))).isTrue();
        assertThat(Jdk17.isJava17(fakeJdk(dir.resolve("b"), "25"))).isFalse();
        assertThat(Jdk17.isJava17(dir.resolve("missing"))).isFalse();
    }

    @Test
    void findsAJava17OnThisMachine() {
        Path java = Jdk17.find();
        assertThat(java).isExecutable();
        assertThat(Jdk17.isJava17(java.getParent().getParent())).isTrue();
    }

    private static Path fakeJdk(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Files.createFile(home.resolve("bin/java"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return home;
    }
}
