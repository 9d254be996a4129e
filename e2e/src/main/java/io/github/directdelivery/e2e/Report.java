package io.github.directdelivery.e2e;

import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

/** Prints one line per check as it finishes, and counts. */
final class Report {

    private final PrintStream out;
    private int passed;
    private int failed;

    Report(PrintStream out) {
        this.out = out;
    }

    void pass(String check, String detail) {
        passed++;
        out.println("ok     " + check + ": " + detail);
    }

    void fail(String check, String detail) {
        failed++;
        out.println("FAILED " + check + ": " + detail);
    }

    /** Records a check that passed when {@code problem} is null, and failed with it otherwise. */
    void check(String check, @Nullable String problem, String success) {
        if (problem == null) {
            pass(check, success);
        } else {
            fail(check, problem);
        }
    }

    void note(String line) {
        out.println(line);
    }

    int passed() {
        return passed;
    }

    int failed() {
        return failed;
    }

    /** Prints the closing line, {@code N passed, N failed}. */
    void printSummary() {
        out.println(passed + " passed, " + failed + " failed");
    }
}
