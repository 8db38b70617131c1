package org.icesim.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV result file (runs.csv, events.csv, load.csv) read row by row, every row and cell with the
 * line and column where it starts, so that each problem can be named {@code file:line:column}.
 * Text that is not CSV (an unclosed quote, invalid UTF-8, binary garbage) is a {@link BatchException}
 * naming the file and where reading stopped, never a parser's exception.
 */
public final class ResultCsv implements Closeable {

    private static final CsvMapper CSV = new CsvMapper();
    /** Values quoted in messages are cut to this many characters. */
    private static final int MAX_QUOTED = 60;

    private final Path file;
    private final CsvParser parser;
    private boolean started;
    /** Where the row being read starts (0 before its first cell). */
    private int rowLine;

    private ResultCsv(Path file, CsvParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Opens a result file; it must be a regular file. */
    public static ResultCsv open(Path file) throws IOException, BatchException {
        if (!Files.isRegularFile(file)) {
            throw new BatchException(file + " is not a regular file");
        }
        CsvParser parser = (CsvParser) CSV.getFactory().createParser(file.toFile());
        parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        return new ResultCsv(file, parser);
    }

    public Path file() {
        return file;
    }

    /** The next row, or null at the end of the file. */
    public Row next() throws IOException, BatchException {
        try {
            if (!started) {
                started = true;
                parser.nextToken(); // the array wrapping the whole file
            }
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                return null;
            }
            rowLine = 0;
            List<String> cells = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            for (token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                JsonLocation at = parser.currentTokenLocation();
                if (cells.isEmpty()) {
                    rowLine = at.getLineNr();
                }
                cells.add(parser.getText());
                lines.add(at.getLineNr());
                columns.add(at.getColumnNr());
            }
            if (cells.isEmpty()) {
                return next(); // a blank line
            }
            return new Row(file, cells, lines, columns);
        } catch (CharConversionException e) {
            throw new BatchException(file + ":" + where() + ": not UTF-8 text (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String stopped = at == null ? where() : at.getLineNr() + ":" + at.getColumnNr();
            String row = rowLine > 0 ? file + ":" + rowLine + ":1: the row that starts here is not valid CSV"
                    : file + ":" + stopped + ": not valid CSV";
            throw new BatchException(row + ": " + e.getOriginalMessage() + " (reading stopped at line " + stopped + ")");
        }
    }

    private String where() {
        JsonLocation at = parser.currentLocation();
        return at.getLineNr() + ":" + at.getColumnNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** {@code text} in single quotes, its middle left out if it is long. */
    static String quote(String text) {
        String shown = text.length() <= MAX_QUOTED ? text
                : text.substring(0, MAX_QUOTED - 15) + "…(" + text.length() + " characters)…" + text.substring(text.length() - 10);
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    /** One row: its cells and where each starts. */
    public record Row(Path file, List<String> cells, List<Integer> lines, List<Integer> columns) {

        public Row {
            cells = List.copyOf(cells);
            lines = List.copyOf(lines);
            columns = List.copyOf(columns);
        }

        /** The line the row starts on. */
        public int line() {
            return lines.get(0);
        }

        public String cell(int index) {
            return cells.get(index);
        }

        /** A problem of the whole row, located at its start. */
        public BatchException problem(String message) {
            return new BatchException(file + ":" + line() + ":" + columns.get(0) + ": " + message);
        }

        /** A problem of one cell, located at its start and named by its column. */
        public BatchException problem(int cell, String column, String message) {
            return new BatchException(file + ":" + lines.get(cell) + ":" + columns.get(cell) + ": " + column + ": " + message);
        }

        /** The row must have exactly the header's cells. */
        public void requireWidth(List<String> header) throws BatchException {
            if (cells.size() != header.size()) {
                throw problem("the row has " + cells.size() + " cells, the header " + header.size()
                        + " (an unclosed quote makes one cell of several rows)");
            }
        }
    }
}
