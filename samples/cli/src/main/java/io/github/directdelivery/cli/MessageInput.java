package io.github.directdelivery.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The message file to send. The library reads a message twice (once to measure it, once to send
 * it), so standard input is first copied to a temporary file, which {@link #close()} deletes.
 */
final class MessageInput implements AutoCloseable {

    private static final String STANDARD_INPUT = "-";

    private final Path path;
    private final boolean temporary;
    private final String description;

    private MessageInput(Path path, boolean temporary, String description) {
        this.path = path;
        this.temporary = temporary;
        this.description = description;
    }

    /**
     * Opens the message named on the command line: a file, or {@code -} for standard input.
     *
     * @throws CommandException with {@link ExitCodes#NO_INPUT} if the file does not exist or
     *     cannot be read, or standard input fails; with {@link ExitCodes#CANNOT_CREATE} if no
     *     temporary file can be created
     */
    static MessageInput open(String argument, InputStream stdin) {
        if (argument.equals(STANDARD_INPUT)) {
            return copyOf(stdin);
        }
        Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            throw new CommandException(ExitCodes.NO_INPUT, "invalid message file name '" + argument + "'", e);
        }
        if (!Files.exists(path)) {
            throw new CommandException(ExitCodes.NO_INPUT, "message file " + argument + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new CommandException(ExitCodes.NO_INPUT, "message file " + argument + " is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new CommandException(ExitCodes.NO_INPUT, "message file " + argument + " is not readable");
        }
        return new MessageInput(path, false, argument);
    }

    private static MessageInput copyOf(InputStream stdin) {
        Path file;
        try {
            // Readable by the owner only (POSIX mode 0600).
            file = Files.createTempFile("direct-delivery-", ".eml");
        } catch (IOException e) {
            throw new CommandException(
                    ExitCodes.CANNOT_CREATE,
                    "cannot create a temporary file for the message from standard input: " + e.getMessage(),
                    e);
        }
        try {
            Files.copy(stdin, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new CommandException(
                    ExitCodes.NO_INPUT, "cannot read the message from standard input: " + e.getMessage(), e);
        }
        return new MessageInput(file, true, "standard input");
    }

    Path path() {
        return path;
    }

    /** Returns the file name as given, or "standard input". */
    String description() {
        return description;
    }

    @Override
    public void close() {
        if (temporary) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left in the temporary directory, which the system cleans.
        }
    }
}
