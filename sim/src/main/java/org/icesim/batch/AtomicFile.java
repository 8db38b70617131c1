package org.icesim.batch;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file replaced all at once: written to {@code <name>.tmp} beside it, flushed to disk, then
 * renamed over the target (an atomic rename on POSIX file systems) and the directory flushed. A
 * reader, or a crash at any instant, sees the old file or the new one, never a part.
 */
final class AtomicFile implements Closeable {

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    private AtomicFile(Path target, FileChannels files) throws IOException {
        this.target = target;
        this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            this.channel = files.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failure(e);
        }
        this.out = new BufferedOutputStream(new NamingFailures(Channels.newOutputStream(channel)), 1 << 16);
    }

    static AtomicFile begin(Path target, FileChannels files) throws IOException {
        return new AtomicFile(target, files);
    }

    /** Writes {@code bytes} as the whole new content of {@code target}. */
    static void write(Path target, byte[] bytes, FileChannels files) throws IOException {
        try (AtomicFile file = begin(target, files)) {
            file.out().write(bytes);
            file.commit();
        }
    }

    OutputStream out() {
        return out;
    }

    /** Makes the new content the file's. */
    void commit() throws IOException {
        out.flush();
        try {
            channel.force(true);
            channel.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw failure(e);
        }
        committed = true;
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Drops the new content unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            channel.close();
            Files.deleteIfExists(temporary);
        }
    }

    /** A failure to write the new content (a full disk, say), naming the file it was meant for. */
    private FileSystemException failure(IOException cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        FileSystemException failure = new FileSystemException(target.toString(), null, reason + " (while writing it)");
        failure.initCause(cause);
        return failure;
    }

    /** The channel's stream, whose failures name the file instead of saying only what went wrong. */
    private final class NamingFailures extends FilterOutputStream {
        NamingFailures(OutputStream channelStream) {
            super(channelStream);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Flushes a directory's entries (renames, deletions) to disk, where the platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; its file system journals renames itself.
        }
    }
}
