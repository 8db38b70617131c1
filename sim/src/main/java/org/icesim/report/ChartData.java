package org.icesim.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.batch.ResultFiles;

/**
 * The numbers a band chart draws, written beside its PNG as CSV ({@code group,t_ms,mean,min,max}),
 * so a reader can check a chart against the result files or plot it again.
 */
public final class ChartData {

    public static final List<String> COLUMNS = List.of("group", "t_ms", "mean", "min", "max");

    private ChartData() {
    }

    /** {@code capacity-allocations-1.png} → {@code capacity-allocations-1.csv}. */
    public static String fileFor(String png) {
        return png.replaceFirst("\\.png$", ".csv");
    }

    static void write(Path file, List<String> names, List<List<BandPoint>> bands) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); SequenceWriter writer = ResultFiles.csvWriter(out)) {
            writer.write(COLUMNS);
            for (int i = 0; i < names.size(); i++) {
                for (BandPoint point : bands.get(i)) {
                    writer.write(List.of(names.get(i), number(point.timeMs()), number(point.mean()), number(point.min()),
                            number(point.max())));
                }
            }
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
