package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jar as a separate process, the way users start it, so that a broken manifest
 * or a shading problem (signed jars, service files) fails the build.
 */
class ExecutableJarIT {

    private static final Path JAR = Path.of(System.getProperty("cli.jar", "target/direct-delivery-cli.jar"));

    @Test
    void demoRunsFromTheJar() throws IOException, InterruptedException {
        Result result = run("demo");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
        assertThat(result.output()).contains("4 of 4 scenarios ended as expected.");
    }

    @Test
    void versionComesFromTheManifest() throws IOException, InterruptedException {
        Result result = run("--version");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.output().strip()).matches("direct-delivery \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged jar").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("finished within 60 s")
                .isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
