package io.github.directdelivery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the suite finds its inputs: the peers' env file, the message corpus and the command line
 * jar. Each has a default relative to the repository root, which {@code e2e/run} makes the working
 * directory, and can be set by an option or an environment variable.
 *
 * @param peersEnv {@code --peers-env FILE}, else {@code $E2E_PEERS_DIR/peers.env}, else
 *     {@code /var/tmp/direct-delivery-e2e-peers/peers.env}
 * @param corpus {@code --corpus DIR}, the directory that holds {@code mail-fixtures/}, else
 *     {@code $E2E_CORPUS_DIR}, else {@code ../shared/corpus}
 * @param cliJar {@code --cli-jar FILE}, else {@code samples/cli/target/direct-delivery-cli.jar}
 * @param ci whether the environment variable {@code CI} is {@code true}: then missing inputs fail
 *     the run instead of skipping it
 */
record Settings(Path peersEnv, Path corpus, Path cliJar, boolean ci) {

    static final String DEFAULT_PEERS_DIR = "/var/tmp/direct-delivery-e2e-peers";

    /**
     * Reads the options and the environment.
     *
     * @throws IllegalArgumentException if an option is unknown or has no value
     */
    static Settings parse(String[] args, Map<String, String> environment) {
        Path peersEnv = Path.of(environment.getOrDefault("E2E_PEERS_DIR", DEFAULT_PEERS_DIR), "peers.env");
        Path corpus = Path.of(environment.getOrDefault("E2E_CORPUS_DIR", "../shared/corpus"));
        Path cliJar = Path.of("samples/cli/target/direct-delivery-cli.jar");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            Path value = Path.of(args[++i]);
            switch (option) {
                case "--peers-env" -> peersEnv = value;
                case "--corpus" -> corpus = value;
                case "--cli-jar" -> cliJar = value;
                default -> throw new IllegalArgumentException("Unknown option " + option
                        + "; the options are --peers-env FILE, --corpus DIR, --cli-jar FILE");
            }
        }
        return new Settings(peersEnv, corpus, cliJar, "true".equals(environment.get("CI")));
    }

    Path fixtures() {
        return corpus.resolve("mail-fixtures");
    }

    /** Returns what is missing to run the suite, one sentence each with what to do. */
    List<String> missingInputs() {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(peersEnv)) {
            missing.add("the peers are not running: no env file " + peersEnv
                    + " (start them with sudo e2e/peers/start, or run e2e/run)");
        }
        if (!Files.isDirectory(fixtures())) {
            missing.add("the message corpus is missing: no directory " + fixtures()
                    + " (set E2E_CORPUS_DIR or --corpus to the directory that holds mail-fixtures/)");
        }
        if (!Files.isRegularFile(cliJar)) {
            missing.add("the command line jar is missing: no file " + cliJar
                    + " (build it with mvn -B -DskipTests package)");
        }
        return missing;
    }
}
