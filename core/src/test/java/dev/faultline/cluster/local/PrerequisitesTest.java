package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Set;

class PrerequisitesTest {

    @Test
    void nothingMissingWithAllTools() {
        assertThat(Prerequisites.missing(tool -> true)).isEmpty();
    }

    @Test
    void namesEveryMissingPieceAndItsPackage() {
        Set<String> present = Set.of("iptables", "iptables-restore");
        assertThat(Prerequisites.missing(present::contains)).containsExactly(
                "`ip` (Debian package iproute2)",
                "`setpriv` (Debian package util-linux)",
                "`setsid` (Debian package util-linux)");
    }

    @Test
    void oneMessageSaysHowToGetIt() {
        assertThat(new MissingPrerequisiteException("`ip` (Debian package iproute2) missing").getMessage())
                .isEqualTo("the local cluster cannot start: `ip` (Debian package iproute2) missing; "
                        + "run `bash scripts/install-prerequisites.sh`");
    }
}
