package io.github.directdelivery.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts a TCP port number, 1 to 65535. */
final class PortConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw new TypeConversionException("the port must be between 1 and 65535, not " + port);
        }
        return port;
    }
}
