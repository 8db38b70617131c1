package org.icesim.batch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

/**
 * The durable log of finished runs, appended in whatever order runs finish. Each record is one
 * line {@code <crc32 hex> <position> <ok|failed> <json>\n}, the CRC covering everything after the
 * first space. A record counts only if it is complete and its CRC matches, so a record torn by a
 * crash or a power loss is ignored, and it is cut off before anything new is appended. Appends
 * reach the disk ({@code fsync}) before {@link #append} returns; concurrent appends share one
 * {@code fsync} (group commit), so many threads finishing runs at once do not queue behind the disk.
 *
 * <p>A run's position appears at most once: appending a position the journal holds does nothing,
 * and reading keeps the first record of a position should one ever appear twice. A record whose
 * checksum holds but whose content contradicts its position (another run id than the batch plans
 * there, another position inside, unreadable JSON: written by something else than this journal)
 * is not trusted either: it is skipped like a torn one, so that run runs again.
 */
final class Journal implements Closeable {

    private static final byte NEWLINE = '\n';
    private static final String OK = "ok";
    private static final String FAILED = "failed";

    private final Path file;
    private final FileChannel channel;
    private final Map<Integer, Extent> records;
    private final Object writeLock = new Object();
    private final Object forceLock = new Object();
    private long size;
    private long forced;
    private final int damaged;
    private IOException broken;

    private record Extent(long offset, int length, boolean failed) {
    }

    private Journal(Path file, FileChannel channel, Map<Integer, Extent> records, long size, int damaged) {
        this.file = file;
        this.channel = channel;
        this.records = records;
        this.size = size;
        this.forced = size;
        this.damaged = damaged;
    }

    /**
     * Opens (or creates) a journal, keeping its valid records and cutting off a torn tail.
     *
     * @param plannedRunId the run id the batch plans at a position, or null for a position it does
     *                     not plan (such a record is kept, so that the caller can tell the journal
     *                     belongs to another batch)
     */
    static Journal open(Path file, FileChannels files, IntFunction<String> plannedRunId) throws IOException {
        FileChannel channel = files.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Map<Integer, Extent> records = new HashMap<>();
            int damaged = 0;
            long offset = 0;
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(0)), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                line.write(b);
                if (b == NEWLINE) {
                    byte[] bytes = line.toByteArray();
                    Header header = header(bytes);
                    if (header == null || !agrees(header, bytes, plannedRunId)) {
                        damaged++;
                    } else {
                        records.putIfAbsent(header.position(), new Extent(offset, bytes.length, header.failed()));
                    }
                    offset += bytes.length;
                    line.reset();
                }
            }
            if (line.size() > 0) {
                // A tail without its line end is a record cut short: it goes, so the next append starts a line.
                damaged++;
                channel.truncate(offset);
                channel.force(false);
            }
            return new Journal(file, channel, records, offset, damaged);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether an intact record's content is the run its header and the plan say it is. */
    private static boolean agrees(Header header, byte[] line, IntFunction<String> plannedRunId) {
        String expected = plannedRunId.apply(header.position());
        if (expected == null) {
            return true;
        }
        try {
            RunRecord record = RunRecordJson.read(line, header.jsonStart(), line.length - 1 - header.jsonStart());
            return record != null && record.position() == header.position() && expected.equals(record.runId())
                    && record.failed() == header.failed();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The positions of the runs recorded. */
    Set<Integer> positions() {
        synchronized (writeLock) {
            return Set.copyOf(records.keySet());
        }
    }

    /** The number of recorded runs that failed. */
    int failedCount() {
        synchronized (writeLock) {
            return (int) records.values().stream().filter(Extent::failed).count();
        }
    }

    /** Records that could not be read (torn or corrupt) and were skipped. */
    int damaged() {
        return damaged;
    }

    RunRecord read(int position) throws IOException {
        Extent extent;
        synchronized (writeLock) {
            extent = records.get(position);
        }
        if (extent == null) {
            throw new IllegalArgumentException("the journal holds no run at position " + position);
        }
        ByteBuffer buffer = ByteBuffer.allocate(extent.length());
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, extent.offset() + buffer.position()) < 0) {
                throw new IOException("journal ends inside the record of position " + position);
            }
        }
        byte[] bytes = buffer.array();
        int jsonStart = header(bytes).jsonStart();
        return RunRecordJson.read(bytes, jsonStart, bytes.length - 1 - jsonStart);
    }

    /**
     * Appends a record and returns once it is on disk.
     *
     * @return false, with nothing written, if the journal already holds the record's position
     * @throws FileSystemException naming the journal and the run if it could not be written (a
     *                             full disk): the runs recorded before stay, and so does the journal
     */
    boolean append(RunRecord record) throws IOException {
        byte[] json = RunRecordJson.write(record);
        String status = record.failed() ? FAILED : OK;
        byte[] body = concat((record.position() + " " + status + " ").getBytes(StandardCharsets.US_ASCII), json);
        byte[] line = concat(String.format("%08x ", crc(body, 0, body.length)).getBytes(StandardCharsets.US_ASCII), body,
                new byte[] {NEWLINE});
        long end;
        synchronized (writeLock) {
            if (broken != null) {
                throw failure(record, broken);
            }
            if (records.containsKey(record.position())) {
                return false;
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer, size + buffer.position());
                }
            } catch (IOException e) {
                broken = e;
                // Cut off what part of the line got written, so the journal stays a list of whole records;
                // should that fail too, the torn line fails its CRC when the journal is next opened.
                try {
                    channel.truncate(size);
                } catch (IOException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw failure(record, e);
            }
            records.put(record.position(), new Extent(size, line.length, record.failed()));
            size += line.length;
            end = size;
        }
        synchronized (forceLock) {
            if (forced < end) {
                long target;
                synchronized (writeLock) {
                    target = size;
                }
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw failure(record, e);
                }
                forced = target;
            }
        }
        return true;
    }

    private FileSystemException failure(RunRecord record, IOException cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        FileSystemException failure = new FileSystemException(file.toString(), null,
                reason + " (while recording run " + record.runId() + ")");
        failure.initCause(cause);
        return failure;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private record Header(int position, boolean failed, int jsonStart) {
    }

    /** The header of a whole, intact record line, or null if the line is not one. */
    private static Header header(byte[] line) {
        int n = line.length - 1;
        if (n < 12 || line[n] != NEWLINE || line[8] != ' ') {
            return null;
        }
        long stored;
        try {
            stored = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        if (crc(line, 9, n - 9) != stored) {
            return null;
        }
        int positionEnd = indexOf(line, (byte) ' ', 9);
        int statusEnd = positionEnd < 0 ? -1 : indexOf(line, (byte) ' ', positionEnd + 1);
        if (statusEnd < 0) {
            return null;
        }
        String status = new String(line, positionEnd + 1, statusEnd - positionEnd - 1, StandardCharsets.US_ASCII);
        try {
            int position = Integer.parseInt(new String(line, 9, positionEnd - 9, StandardCharsets.US_ASCII));
            return status.equals(OK) || status.equals(FAILED) ? new Header(position, status.equals(FAILED), statusEnd + 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }
}
