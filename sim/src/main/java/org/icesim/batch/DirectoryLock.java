package org.icesim.batch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The single-writer rule of a result directory: whoever writes into one (a batch for its whole
 * life, merge, summary, report) first holds an exclusive lock on its {@code .icesim.lock}. The
 * lock is the operating system's ({@link FileChannel#tryLock()}: {@code fcntl} on POSIX), so it
 * goes with the process however the process ends, {@code kill -9} included, and a stale lock file
 * never blocks anyone. The file says who holds it, so a refused writer can name the holder. The
 * file stays after release: deleting it would let two writers lock two different files of one name.
 */
public final class DirectoryLock implements Closeable {

    /** The lock file in a result directory. */
    public static final String FILE = ".icesim.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory (created if needed) for {@code writer}, or refuses at once.
     *
     * @param writer what is about to write, for the holder's description (e.g. "icesim batch")
     * @throws BatchException another process (or another command in this one) holds the directory;
     *                        the message names its process id, start time and command
     */
    public static DirectoryLock acquire(Path directory, String writer) throws IOException, BatchException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it, through another command
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new BatchException(directory + " is being written by another icesim (" + holder(file) + "); a result "
                    + "directory has one writer at a time: wait until it ends, or choose another directory");
        }
        try {
            ProcessHandle self = ProcessHandle.current();
            String started = self.info().startInstant().map(Instant::toString).orElse("an unknown time");
            byte[] description = ("pid " + self.pid() + ", started " + started + ", " + writer + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(description), 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new DirectoryLock(channel, lock);
    }

    /** What the lock file says about its holder. */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.length() > 500 ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
