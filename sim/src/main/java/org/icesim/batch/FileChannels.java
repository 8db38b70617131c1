package org.icesim.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the files a result set is written to. In normal use that is the disk; tests hand in
 * channels that fail the way a full disk does ("No space left on device" part-way through a
 * write) or that write slowly, to check what a batch leaves behind.
 */
@FunctionalInterface
public interface FileChannels {

    /** The file system itself. */
    FileChannels DISK = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
