package io.github.directdelivery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code --json FILE|-} sends the JSON document: a file, created when the command starts so
 * that a path that cannot be written fails before any mail is sent, or standard output for
 * {@code -}. Files are written in UTF-8.
 */
final class JsonOutput implements AutoCloseable {

    private final @Nullable Writer file;
    private final PrintWriter stdout;
    private final String target;

    private JsonOutput(@Nullable Writer file, PrintWriter stdout, String target) {
        this.file = file;
        this.stdout = stdout;
        this.target = target;
    }

    /**
     * Opens the target of {@code --json}: {@code -} for standard output, anything else a file path.
     *
     * @throws CommandException with {@link ExitCodes#CANNOT_CREATE} if the file cannot be created
     */
    static JsonOutput open(String target, PrintWriter stdout) {
        if (target.equals("-")) {
            return new JsonOutput(null, stdout, target);
        }
        try {
            return new JsonOutput(Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8), stdout, target);
        } catch (IOException | InvalidPathException e) {
            throw new CommandException(
                    ExitCodes.CANNOT_CREATE, "cannot create the JSON file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Returns whether the JSON goes to standard output, so the text report must go elsewhere. */
    boolean isStandardOutput() {
        return file == null;
    }

    /**
     * Writes the document and a line break.
     *
     * @throws CommandException with {@link ExitCodes#CANNOT_CREATE} if the file cannot be written
     */
    void write(String json) {
        if (file == null) {
            stdout.println(json);
            stdout.flush();
            return;
        }
        try {
            file.write(json);
            file.write(System.lineSeparator());
            file.flush();
        } catch (IOException e) {
            throw new CommandException(
                    ExitCodes.CANNOT_CREATE, "cannot write the JSON file " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            // Everything was flushed by write; a failure to close loses nothing.
        }
    }
}
