package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.MessageSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A deterministic message of any size, produced while it is read so that it never sits in memory.
 * Lines end with a bare LF (the client must normalise them), and some start with a period (the
 * client must dot-stuff them), so both transformations run over the whole message.
 */
final class GeneratedMessage implements MessageSource {

    private static final byte[] HEADER =
            "From: a@example.org\nTo: b@example.net\nSubject: generated\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ .";

    private final long size;
    private final long seed;

    GeneratedMessage(long size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    @Override
    public InputStream open() {
        return new Generator(size, seed);
    }

    private static final class Generator extends InputStream {
        private final long size;
        private final byte[][] lines = new byte[256][];
        private final SplittableRandom random;
        private byte[] current = HEADER;
        private int position;
        private long produced;

        Generator(long size, long seed) {
            this.size = size;
            this.random = new SplittableRandom(seed);
            for (int i = 0; i < lines.length; i++) {
                int length = 1 + random.nextInt(120);
                byte[] line = new byte[length];
                for (int j = 0; j < length - 1; j++) {
                    line[j] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                }
                line[length - 1] = '\n';
                lines[i] = line;
            }
        }

        @Override
        public int read() {
            byte[] single = new byte[1];
            return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (produced >= size) {
                return -1;
            }
            int count = 0;
            while (count < length && produced < size) {
                if (position == current.length) {
                    current = lines[random.nextInt(lines.length)];
                    position = 0;
                }
                int chunk = (int) Math.min(Math.min(length - count, current.length - position), size - produced);
                System.arraycopy(current, position, target, offset + count, chunk);
                position += chunk;
                count += chunk;
                produced += chunk;
            }
            return count;
        }
    }
}
