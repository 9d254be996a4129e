package io.github.directdelivery.bench.throughput;

/**
 * What one contender does in one timed run: send {@code messages} messages with a body of
 * {@code bodySize} octets over {@code connections} concurrent connections, one thread each.
 */
record Workload(int bodySize, int messages, int connections) {

    Workload {
        if (bodySize < 2 || messages < 1 || connections < 1) {
            throw new IllegalArgumentException("body size, messages and connections must be positive: " + bodySize
                    + ", " + messages + ", " + connections);
        }
    }

    /** Returns a label such as {@code 2 KB × 5000, 1 connection}. */
    String label() {
        String size = bodySize % 1024 == 0 ? bodySize / 1024 + " KB" : bodySize + " B";
        return size + " × " + messages + ", " + connections + (connections == 1 ? " connection" : " connections");
    }
}
