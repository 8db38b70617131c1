package org.icesim.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk for result-store tests: it holds only {@code capacity} more bytes, after which a write
 * stores what still fits and fails with "No space left on device" as a full disk does; and it may
 * pause before the first write to each file being replaced ({@code *.tmp}), so a test can kill a
 * process while its final files are being written.
 */
public final class FaultyDisk implements FileChannels {

    /** What the kernel says when a write finds no free block (ENOSPC). */
    public static final String NO_SPACE = "No space left on device";

    private final long capacity;
    private final AtomicLong free;
    private final long pauseMillis;

    private FaultyDisk(long capacity, long pauseMillis) {
        this.capacity = capacity;
        this.free = new AtomicLong(capacity);
        this.pauseMillis = pauseMillis;
    }

    /** A disk that fills up after {@code capacity} bytes. */
    public static FaultyDisk fillingAfter(long capacity) {
        return new FaultyDisk(capacity, 0);
    }

    /** A disk with room to spare that pauses {@code millis} before a replacement file's first write. */
    public static FaultyDisk slowReplacing(long millis) {
        return new FaultyDisk(Long.MAX_VALUE, millis);
    }

    /** Bytes written through this disk so far. */
    public long written() {
        return capacity - free.get();
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        boolean replacement = file.getFileName().toString().endsWith(".tmp");
        return new Channel(FileChannel.open(file, options), replacement ? pauseMillis : 0);
    }

    /** Takes up to {@code wanted} bytes of the free space; returns how many it got. */
    private int take(int wanted) {
        while (true) {
            long left = free.get();
            int granted = (int) Math.min(left, wanted);
            if (free.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    private final class Channel extends FileChannel {
        private final FileChannel disk;
        private long pause;

        Channel(FileChannel disk, long pause) {
            this.disk = disk;
            this.pause = pause;
        }

        /** Writes what fits of {@code source} through {@code write}, then fails if not all did. */
        private int limited(ByteBuffer source, IoWrite write) throws IOException {
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                    pause = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int wanted = source.remaining();
            int granted = take(wanted);
            ByteBuffer part = source.duplicate();
            part.limit(part.position() + granted);
            int written = 0;
            while (part.hasRemaining()) {
                written += write.to(part);
            }
            source.position(source.position() + written);
            if (granted < wanted) {
                throw new IOException(NO_SPACE);
            }
            return written;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return limited(source, disk::write);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            long[] at = {position};
            return limited(source, part -> {
                int n = disk.write(part, at[0]);
                at[0] += n;
                return n;
            });
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return disk.read(target);
        }

        @Override
        public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
            return disk.read(targets, offset, length);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return disk.read(target, position);
        }

        @Override
        public long position() throws IOException {
            return disk.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            disk.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return disk.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            disk.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            disk.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException("not used by the result store");
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) {
            throw new UnsupportedOperationException("not used by the result store");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the result store");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("not used by the result store");
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("not used by the result store");
        }

        @Override
        protected void implCloseChannel() throws IOException {
            disk.close();
        }
    }

    @FunctionalInterface
    private interface IoWrite {
        int to(ByteBuffer part) throws IOException;
    }
}
