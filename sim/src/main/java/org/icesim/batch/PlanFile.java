package org.icesim.batch;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario file of a batch.
 *
 * @param file     the path as given on the command line (or a directory given there, joined with the file name)
 * @param scenario the scenario's {@code name:}
 * @param sha256   the file's SHA-256, hex
 * @param bases    the files it extends, directly or not: path relative to this file's directory → SHA-256
 */
public record PlanFile(String file, String scenario, String sha256, Map<String, String> bases) {

    public PlanFile {
        bases = Collections.unmodifiableMap(new TreeMap<>(bases));
    }
}
