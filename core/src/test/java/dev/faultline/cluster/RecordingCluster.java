package dev.faultline.cluster;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A fake {@link Cluster} for fast unit tests: every fault call is recorded as one line
 * ("kill n2", "cut n1->n3 n3->n1", "heal"), in order. Calls named in {@code failing} throw, as a
 * backend whose fault could not be put in place does.
 */
public final class RecordingCluster {

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final String runId = "fake" + STARTED.incrementAndGet();
    private final List<String> calls = new ArrayList<>();
    private final List<String> nodes;
    private Predicate<String> failing = call -> false;
    private Set<Capability> capabilities = EnumSet.allOf(Capability.class);

    public RecordingCluster(String... nodes) {
        this.nodes = List.of(nodes);
    }

    /** Calls for which {@code test} holds throw an IllegalStateException instead of being recorded. */
    public RecordingCluster failingOn(Predicate<String> test) {
        this.failing = test;
        return this;
    }

    /** A cluster of a backend that can do only {@code these}. */
    public RecordingCluster capableOf(Set<Capability> these) {
        this.capabilities = these;
        return this;
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public Cluster cluster() {
        return (Cluster) Proxy.newProxyInstance(Cluster.class.getClassLoader(), new Class<?>[]{Cluster.class, NetworkShaping.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "openSession":
                            return session();
                        case "sessionBuilder":
                            return new CqlSessionBuilder() {
                                @Override
                                public CqlSession build() {
                                    return session();
                                }
                            };
                        case "replicationFactor":
                            return 2;
                        case "localDatacenter":
                            return "dc1";
                        case "capabilities":
                            return capabilities;
                        case "nodes":
                            return nodes.stream().map(RecordingCluster::node).toList();
                        case "cassandraVersion":
                            return "5.0-fake";
                        case "backendVersion":
                            return "0";
                        default:
                            break;
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    switch (method.getName()) {
                        case "runId":
                            return runId;
                        case "backendName":
                            return "fake";
                        case "toString":
                            return "RecordingCluster" + nodes;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            break;
                    }
                    String call = method.getName() + describe(args);
                    if (failing.test(call)) {
                        throw new IllegalStateException(call + " could not be put in place");
                    }
                    synchronized (this) {
                        calls.add(call);
                    }
                    return null;
                });
    }

    /** A node that knows its name alone. */
    private static Node node(String name) {
        return (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[]{Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name", "toString" -> name;
                    case "hashCode" -> name.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("a recording cluster's node does not " + method.getName());
                });
    }

    /** A session that only closes: the code under test hands it to its play, which a test writes itself. */
    private static CqlSession session() {
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[]{CqlSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingCluster's session";
                    default -> throw new UnsupportedOperationException("a recording cluster's session does not " + method.getName());
                });
    }

    private static String describe(Object[] args) {
        if (args == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Object arg : args) {
            out.append(' ');
            if (arg instanceof Collection<?> c && !c.isEmpty() && c.iterator().next() instanceof Link) {
                out.append(c.stream().map(l -> ((Link) l).from() + "->" + ((Link) l).to()).sorted()
                        .collect(Collectors.joining(" ")));
            } else if (arg instanceof Object[] array) {
                out.append(array.length).append(" statements");
            } else if (arg instanceof Collection<?> c) {
                out.append(c);
            } else {
                out.append(arg);
            }
        }
        return out.toString();
    }
}
