package org.icesim.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One testbed run at a time on a machine: a lock file naming the holder (PID, start, command).
 * A lock whose holder no longer runs is stale and taken over.
 */
public final class TestbedLock implements AutoCloseable {

    public static final Path DEFAULT = Path.of("/run/icesim-testbed.lock");

    private final Path file;

    private TestbedLock(Path file) {
        this.file = file;
    }

    public static TestbedLock acquire(Path file, String command) throws TestbedException {
        String content = "pid=" + ProcessHandle.current().pid() + "\nstarted=" + Instant.now() + "\ncommand=" + command + "\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new TestbedLock(file);
            } catch (FileAlreadyExistsException held) {
                String holder = read(file);
                OptionalLong pid = pidOf(holder);
                if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new TestbedException("another testbed run is active (" + file + "): "
                            + holder.strip().replace('\n', ' ') + "; wait for it to end");
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new TestbedException("cannot remove the stale lock " + file + ": " + e.getMessage(), e);
                }
            } catch (IOException e) {
                throw new TestbedException("cannot write the lock " + file + ": " + e.getMessage(), e);
            }
        }
        throw new TestbedException("cannot take the lock " + file);
    }

    static OptionalLong pidOf(String content) {
        for (String line : content.split("\n")) {
            if (line.startsWith("pid=")) {
                try {
                    return OptionalLong.of(Long.parseLong(line.substring(4).strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next run finds the holder gone and takes the stale lock over.
        }
    }
}
