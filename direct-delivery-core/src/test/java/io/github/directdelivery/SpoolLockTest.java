package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.internal.net.LoopbackOnly;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool directory's lock between two processes. */
class SpoolLockTest {

    @Test
    void spoolInUseByAnotherProcessIsRejected(@TempDir Path spool) throws Exception {
        Process holder = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-D" + LoopbackOnly.PROPERTY + "=true",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SpoolHolder.class.getName(),
                        spool.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (QueueFixture fixture = new QueueFixture(spool)) {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(output.readLine()).isEqualTo("LOCKED");
            DirectDelivery client = fixture.idleClient();

            assertThatThrownBy(() -> fixture.queue(client).build())
                    .isInstanceOfSatisfying(SpoolInUseException.class, e -> assertThat(e.spoolDirectory())
                            .isEqualTo(spool))
                    .hasMessage("The spool directory " + spool + " is in use by pid " + holder.pid()
                            + ": another queue holds its lock file " + spool.resolve("lock")
                            + ". Only one queue, in one process, may use a spool directory at a time.");

            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isZero();

            DurableDelivery queue = fixture.start(fixture.queue(client));
            assertThat(queue.stats().messages())
                    .as("the lock is free once the other process is gone")
                    .isZero();
        } finally {
            holder.destroyForcibly();
        }
    }
}
