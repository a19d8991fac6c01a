package dev.faultline.cluster.local;

import dev.faultline.cluster.CassandraSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates what a Cassandra node needs to start (cassandra.yaml, logback.xml, JVM arguments), since the
 * cassandra-all jar ships no conf/. Values follow the measured recipe in notes/cassandra-local.md.
 */
final class CassandraConfig {

    static final int STORAGE_PORT = 7000;
    static final int CQL_PORT = 9042;
    static final int JMX_PORT = 7199;
    static final String DATA_CENTER = CassandraSettings.DATA_CENTER;
    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    static final String NODETOOL_CLASS = "org.apache.cassandra.tools.NodeTool";
    /** Directories holding a node's data, deleted with the cluster unless asked to keep them. */
    static final List<String> DATA_DIRECTORIES = List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw");

    private static final List<String> ADD_EXPORTS = List.of(
            "java.base/jdk.internal.misc", "java.management.rmi/com.sun.jmx.remote.internal.rmi",
            "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref",
            "jdk.unsupported/sun.misc", "jdk.compiler/com.sun.tools.javac.file", "jdk.attach/sun.tools.attach");
    private static final List<String> ADD_OPENS = List.of(
            "java.base/java.lang.module", "java.base/jdk.internal.loader", "java.base/jdk.internal.ref",
            "java.base/jdk.internal.reflect", "java.base/jdk.internal.math", "java.base/jdk.internal.module",
            "java.base/jdk.internal.util.jar", "java.base/sun.nio.ch", "java.base/java.io",
            "java.base/java.lang.reflect", "java.base/java.lang", "java.base/java.util",
            "jdk.management/com.sun.management.internal", "jdk.compiler/com.sun.tools.javac");

    private CassandraConfig() {
    }

    /** {@link CassandraSettings#initialToken}. */
    static String initialToken(int index, int nodes) {
        return CassandraSettings.initialToken(index, nodes);
    }

    /**
     * The node's cassandra.yaml: {@link CassandraSettings#yaml()} as every backend has it, then this backend's own;
     * every node of a fresh cluster is a seed, so they can all start at once.
     */
    static String yaml(String clusterName, String address, List<String> seeds, Path nodeDir, String initialToken) {
        String seedList = seeds.stream().map(s -> s + ":" + STORAGE_PORT).collect(Collectors.joining(","));
        String shared = CassandraSettings.yaml().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\n")
                .collect(Collectors.joining());
        return shared + """
                cluster_name: %s
                initial_token: %s
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s"
                listen_address: %s
                rpc_address: %s
                storage_port: %d
                native_transport_port: %d
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                role_manager: CassandraRoleManager
                data_file_directories: [ %s ]
                commitlog_directory: %s
                saved_caches_directory: %s
                hints_directory: %s
                cdc_raw_directory: %s
                commitlog_segment_size: 8MiB
                concurrent_reads: 8
                concurrent_writes: 8
                concurrent_counter_writes: 4
                concurrent_compactors: 1
                memtable_heap_space: 64MiB
                memtable_offheap_space: 64MiB
                key_cache_size: 8MiB
                counter_cache_size: 0MiB
                prepared_statements_cache_size: 4MiB
                native_transport_max_threads: 32
                start_native_transport: true
                block_for_peers_timeout_in_secs: 1
                """.formatted(clusterName, initialToken, seedList, address, address, STORAGE_PORT, CQL_PORT,
                nodeDir.resolve("data"), nodeDir.resolve("commitlog"), nodeDir.resolve("saved_caches"),
                nodeDir.resolve("hints"), nodeDir.resolve("cdc_raw"));
    }

    /**
     * The snitch's data centre and rack. GossipingPropertyFileSnitch (unlike SimpleSnitch) ranks a coordinator's
     * own replica first, so a read at ONE pinned to a replica answers from that replica's data, as lessons need.
     */
    static String rackdc() {
        return "dc=" + DATA_CENTER + "\nrack=rack1\n";
    }

    /** Logback for the node: its log file plus warnings on stdout (captured to the node's stdout.log). */
    static String logback(Path logDir) {
        return """
                <configuration scan="false">
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%-5level [%%thread] %%date{ISO8601} %%F:%%L - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <filter class="ch.qos.logback.classic.filter.ThresholdFilter"><level>WARN</level></filter>
                    <encoder><pattern>%%-5level %%date{ISO8601} %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="FILE"/>
                    <appender-ref ref="STDOUT"/>
                  </root>
                </configuration>
                """.formatted(logDir.resolve("system.log"));
    }

    /** Module flags Cassandra (and NodeTool) need on JDK 17, from upstream's jvm17-server.options. */
    static List<String> moduleFlags() {
        List<String> flags = new ArrayList<>();
        ADD_EXPORTS.forEach(m -> flags.add("--add-exports=" + m + "=ALL-UNNAMED"));
        ADD_OPENS.forEach(m -> flags.add("--add-opens=" + m + "=ALL-UNNAMED"));
        return flags;
    }

    /** The full command line of a Cassandra node, without the namespace and privilege wrappers. */
    static List<String> daemonCommand(Path java, Path lib, Path nodeDir, String runTag, int heapMegabytes,
                                      List<String> extraJvmFlags) {
        List<String> command = new ArrayList<>(List.of(java.toString(),
                runTag,
                "-Xms" + heapMegabytes + "m", "-Xmx" + heapMegabytes + "m", "-Xss256k",
                "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled", "-XX:MaxTenuringThreshold=1", "-XX:-UsePerfData",
                // Several nodes share few cores: one GC thread each cut start-up CPU by a quarter (bench cluster).
                "-XX:ParallelGCThreads=1", "-XX:ConcGCThreads=1",
                // C1 alone: a node's start costs half the CPU without C2's compilations (bench cluster: 6.8 against
                // 13.3 CPU s per node, a 3-node ring ready in 16.5 s against 32.7 s on a loaded machine). A harness
                // cluster serves hundreds of ops a second, far below what C1's code bears; a later
                // -XX:TieredStopAtLevel=4 (bench cluster --jvm-flag) restores C2.
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true", "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dcassandra.config=file://" + nodeDir.resolve("cassandra.yaml"),
                "-Dcassandra-rackdc.properties=file://" + nodeDir.resolve("cassandra-rackdc.properties"),
                "-Dcassandra.storagedir=" + nodeDir,
                "-Dcassandra.logdir=" + nodeDir.resolve("logs"),
                "-Dlogback.configurationFile=" + nodeDir.resolve("logback.xml"),
                "-Dcassandra-foreground=yes",
                // Without a JMX port there is no NodeTool, hence no drain.
                "-Dcassandra.jmx.local.port=" + JMX_PORT));
        CassandraSettings.systemProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(extraJvmFlags);
        command.addAll(moduleFlags());
        command.add("-cp");
        command.add(lib.resolve("*").toString());
        command.add(MAIN_CLASS);
        return command;
    }

    /** NodeTool against the node's own JMX; must run inside the node's namespace. */
    static List<String> nodetoolCommand(Path java, Path lib, String runTag, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString(), runTag, "-Xmx128m", "-XX:TieredStopAtLevel=1"));
        command.addAll(moduleFlags());
        command.addAll(List.of("-cp", lib.resolve("*").toString(), NODETOOL_CLASS,
                "-h", "127.0.0.1", "-p", Integer.toString(JMX_PORT)));
        command.addAll(List.of(args));
        return command;
    }
}
