package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Set;

class PrerequisitesTest {

    private static final long CAP_NET_ADMIN = 1L << 12;

    @Test
    void nothingMissingForRootWithAllTools() {
        assertThat(Prerequisites.missing(CAP_NET_ADMIN, tool -> true)).isEmpty();
    }

    @Test
    void namesEveryMissingPieceAndItsPackage() {
        Set<String> present = Set.of("iptables", "iptables-restore");
        assertThat(Prerequisites.missing(0, present::contains)).containsExactly(
                "root (CAP_NET_ADMIN, to create network namespaces and iptables rules)",
                "`ip` (Debian package iproute2)",
                "`setpriv` (Debian package util-linux)",
                "`setsid` (Debian package util-linux)");
    }

    @Test
    void oneMessageSaysHowToGetIt() {
        assertThat(new MissingPrerequisiteException("`ip` (Debian package iproute2) missing").getMessage())
                .isEqualTo("the local cluster cannot start: `ip` (Debian package iproute2) missing; "
                        + "run `bash scripts/install-prerequisites.sh`, and run as root (./faultline run and cluster"
                        + " elevate themselves through sudo)");
    }
}
