package org.icesim.batch;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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

    private AtomicFile(Path target) throws IOException {
        this.target = target;
        this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
        this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    static AtomicFile begin(Path target) throws IOException {
        return new AtomicFile(target);
    }

    /** Writes {@code bytes} as the whole new content of {@code target}. */
    static void write(Path target, byte[] bytes) throws IOException {
        try (AtomicFile file = begin(target)) {
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
        channel.force(true);
        channel.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    /** Flushes a directory's entries (renames, deletions) to disk, where the platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; its file system journals renames itself.
        }
    }
}
