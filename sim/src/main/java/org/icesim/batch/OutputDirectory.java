package org.icesim.batch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check every writer makes of the directory it is told to write results into: result files go
 * into a directory of their own, never over the current directory, a directory containing it, or
 * a source repository's root (where {@code --out ''} or {@code --name ..} would otherwise put them).
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * @param option the option that named the directory, for the message (e.g. "--out")
     * @throws BatchException the directory is not one of its own
     */
    public static Path check(Path directory, String option) throws BatchException {
        if (directory.toString().isBlank()) {
            throw new BatchException(option + " must name a results directory, was '" + directory + "'");
        }
        Path target = directory.toAbsolutePath().normalize();
        Path current = Path.of("").toAbsolutePath().normalize();
        if (current.startsWith(target)) {
            throw new BatchException("the results directory " + directory + " is " + (current.equals(target)
                    ? "the current directory" : "a directory containing the current one") + "; results go into a "
                    + "directory of their own, such as results/<name>");
        }
        if (Files.exists(target.resolve(".git"))) {
            throw new BatchException("the results directory " + directory + " is the root of a source repository; "
                    + "results go into a directory of their own, such as results/<name>");
        }
        return directory;
    }
}
