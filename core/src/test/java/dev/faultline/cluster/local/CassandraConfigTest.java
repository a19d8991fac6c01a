package dev.faultline.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class CassandraConfigTest {

    private final Path dir = Path.of("/tmp/run/nodes/n2");

    @Test
    void yamlListsEverySeedAndTheNodeOwnAddressAndDirectories() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(CassandraConfig.yaml("faultline-ab12cd", "10.77.7.12",
                List.of("10.77.7.11", "10.77.7.12", "10.77.7.13"), dir, CassandraConfig.initialToken(1, 3)));
        assertThat(yaml.get("cluster_name").asText()).isEqualTo("faultline-ab12cd");
        assertThat(yaml.get("listen_address").asText()).isEqualTo("10.77.7.12");
        assertThat(yaml.get("rpc_address").asText()).isEqualTo("10.77.7.12");
        assertThat(yaml.at("/seed_provider/0/parameters/0/seeds").asText())
                .isEqualTo("10.77.7.11:7000,10.77.7.12:7000,10.77.7.13:7000");
        assertThat(yaml.get("auto_bootstrap").asBoolean(true)).isFalse();
        assertThat(yaml.get("endpoint_snitch").asText()).isEqualTo("GossipingPropertyFileSnitch");
        assertThat(yaml.at("/data_file_directories/0").asText()).isEqualTo(dir.resolve("data").toString());
        assertThat(yaml.get("commitlog_directory").asText()).isEqualTo(dir.resolve("commitlog").toString());
        assertThat(yaml.get("hints_directory").asText()).isEqualTo(dir.resolve("hints").toString());
        assertThat(yaml.get("write_request_timeout").asText()).isEqualTo("2000ms");
        assertThat(yaml.get("num_tokens").asInt()).isEqualTo(1);
        assertThat(yaml.get("initial_token").asText()).isEqualTo("-3074457345618258603");
        // the settings every backend shares, which the Kubernetes fixture's ConfigMap carries too
        dev.faultline.cluster.CassandraSettings.yaml().forEach((key, value) ->
                assertThat(yaml.get(key).asText()).as(key).isEqualTo(value));
    }

    @Test
    void tokensAreEvenlySpacedOverTheWholeRingFromItsStart() {
        assertThat(CassandraConfig.initialToken(0, 3)).isEqualTo("-9223372036854775808");
        assertThat(CassandraConfig.initialToken(2, 3)).isEqualTo("3074457345618258602");
        assertThat(CassandraConfig.initialToken(1, 2)).isEqualTo("0");
    }

    @Test
    void daemonCommandCarriesRunTagConfigAndJmxAndEndsWithTheMainClass() {
        List<String> command = CassandraConfig.daemonCommand(Path.of("/jdk17/bin/java"), Path.of("/lib"), dir,
                "-Dfaultline.run=ab12cd", 256, List.of("-XX:SharedArchiveFile=/x.jsa"));
        assertThat(command.get(0)).isEqualTo("/jdk17/bin/java");
        assertThat(command).contains("-Dfaultline.run=ab12cd", "-Xms256m", "-Xmx256m",
                "-Dcassandra.config=file://" + dir.resolve("cassandra.yaml"),
                "-Dcassandra.ring_delay_ms=1000", "-Dcassandra.jmx.local.port=7199",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-XX:SharedArchiveFile=/x.jsa");
        // an extra flag comes after the defaults, so a later -XX:TieredStopAtLevel=4 wins over C1 alone
        assertThat(command.indexOf("-XX:TieredStopAtLevel=1")).isPositive().isLessThan(command.indexOf("-XX:SharedArchiveFile=/x.jsa"));
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("-cp", "/lib/*", "org.apache.cassandra.service.CassandraDaemon");
    }

    @Test
    void nodetoolTalksToTheNodeOwnJmxOnLoopback() {
        List<String> command = CassandraConfig.nodetoolCommand(Path.of("/jdk17/bin/java"), Path.of("/lib"),
                "-Dfaultline.run=ab12cd", "drain");
        assertThat(String.join(" ", command)).endsWith("org.apache.cassandra.tools.NodeTool -h 127.0.0.1 -p 7199 drain");
    }

    @Test
    void logbackWritesTheNodeSystemLog() {
        assertThat(CassandraConfig.logback(dir.resolve("logs"))).contains("<file>" + dir.resolve("logs/system.log") + "</file>");
    }
}
