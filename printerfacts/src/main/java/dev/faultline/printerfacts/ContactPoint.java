package dev.faultline.printerfacts;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code host:port} (and {@code [v6]:port}) options into unresolved socket addresses. */
final class ContactPoint implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new TypeConversionException("'" + value + "' is not host:port (for example 127.0.0.1:9042)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' has no numeric port after the last ':'");
        }
        if (port < 1 || port > 65_535) {
            throw new TypeConversionException("'" + value + "' has port " + port + "; allowed: 1-65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
