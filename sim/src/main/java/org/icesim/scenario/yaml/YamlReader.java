package org.icesim.scenario.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into {@link YamlNode}s with locations. Hostile files end in a located error, never
 * in a hang or an exhausted heap: size, nesting depth and alias use are bounded.
 */
public final class YamlReader {

    /** Larger scenario files are refused before they are read. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    /**
     * Longer lines are refused before parsing: the YAML scanner slows down sharply on a single
     * token of megabytes, and no scenario line needs more than a few hundred characters.
     */
    public static final int MAX_LINE_CHARS = 10_000;
    /** Deeper nesting than any real scenario needs is refused. */
    public static final int MAX_DEPTH = 64;
    /** Aliases (*name) allowed per file. */
    public static final int MAX_ALIASES = 50;
    /**
     * Values a file may hold once its aliases are expanded; with the alias limit this defeats
     * "billion laughs" files, whose few aliases stand for an exponential number of values.
     */
    public static final int MAX_EXPANDED_VALUES = 100_000;

    private static final Pattern PARSER_EVENT =
            Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\(([^)]*)\\)>");

    private final YAMLFactory factory;

    public YamlReader() {
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setMaxAliasesForCollections(MAX_ALIASES);
        loaderOptions.setAllowDuplicateKeys(true); // reported by us, with both locations
        loaderOptions.setNestingDepthLimit(MAX_DEPTH + 1);
        loaderOptions.setCodePointLimit((int) MAX_FILE_BYTES);
        factory = YAMLFactory.builder()
                .loaderOptions(loaderOptions)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
    }

    public YamlNode read(Path file) throws ScenarioException {
        String name = file.toString();
        try {
            if (!Files.exists(file)) {
                throw single(name, "no such file");
            }
            // A directory, a pipe or a device (/dev/zero) has no size to check and may never end.
            if (!Files.isRegularFile(file)) {
                throw single(name, "not a regular file: a scenario is a YAML text file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw tooLarge(name, Files.size(file));
            }
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            String text = decoder.decode(java.nio.ByteBuffer.wrap(readAtMost(file, name))).toString();
            return read(name, text);
        } catch (NoSuchFileException e) {
            throw single(name, "no such file");
        } catch (CharacterCodingException e) {
            throw single(name, "file is not UTF-8 text");
        } catch (IOException e) {
            throw single(name, "cannot read file: " + e.getMessage());
        }
    }

    /** The file's bytes; a file that grew past the limit since its size was checked is refused too. */
    private static byte[] readAtMost(Path file, String name) throws IOException, ScenarioException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge(name, Files.size(file));
            }
            return bytes;
        }
    }

    private static ScenarioException tooLarge(String name, long size) {
        return single(name, "file is " + size + " bytes; scenario files may be at most " + MAX_FILE_BYTES
                + " bytes (YamlReader.MAX_FILE_BYTES)");
    }

    public YamlNode read(String fileName, String text) throws ScenarioException {
        if (text.indexOf('\0') >= 0) {
            throw single(fileName, "file contains NUL bytes: it is not a YAML text file");
        }
        checkLineLengths(fileName, text);
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw single(fileName, "file is empty: a scenario is a YAML map (name, duration, links, peers, ...)");
            }
            YamlNode root = new Document((YAMLParser) parser, fileName).readValue(first);
            if (parser.nextToken() != null) {
                throw new ScenarioException(List.of(new ScenarioProblem(location(fileName, parser.currentTokenLocation()),
                        "", "only one YAML document per scenario file")));
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw single(fileName, "nesting deeper than " + MAX_DEPTH + " levels");
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException(List.of(problemOf(fileName, e)));
        }
    }

    private static void checkLineLengths(String fileName, String text) throws ScenarioException {
        int line = 1;
        for (int start = 0; start < text.length(); line++) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            if (end - start > MAX_LINE_CHARS) {
                throw new ScenarioException(List.of(new ScenarioProblem(new SourceLocation(fileName, line, MAX_LINE_CHARS + 1), "",
                        "line is " + (end - start) + " characters long; lines may be at most " + MAX_LINE_CHARS
                                + " characters (YamlReader.MAX_LINE_CHARS)")));
            }
            start = end + 1;
        }
    }

    /** The state of reading one document: its anchors and how many values it expands to. */
    private static final class Document {
        private final YAMLParser parser;
        private final String file;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Map<YamlNode, Integer> anchoredSizes = new IdentityHashMap<>();
        private int aliasesUsed;
        private int values;

        Document(YAMLParser parser, String file) {
            this.parser = parser;
            this.file = file;
        }

        YamlNode readValue(JsonToken token) throws IOException, ScenarioException {
            SourceLocation at = location(file, parser.currentTokenLocation());
            if (parser.isCurrentAlias()) {
                return resolveAlias(parser.getText(), at);
            }
            String anchor = parser.getCurrentAnchor();
            int valuesBefore = values;
            YamlNode node = readStructure(token, at);
            if (anchor != null) {
                anchors.put(anchor, node);
                anchoredSizes.put(node, values - valuesBefore);
            }
            return node;
        }

        private YamlNode resolveAlias(String name, SourceLocation at) throws ScenarioException {
            YamlNode target = anchors.get(name);
            if (target == null) {
                throw located(at, "alias *" + name + " refers to no anchor &" + name + " defined before it");
            }
            if (++aliasesUsed > MAX_ALIASES) {
                throw located(at, "too many YAML aliases: at most " + MAX_ALIASES + " per file");
            }
            count(anchoredSizes.get(target), at);
            return target;
        }

        private void count(int added, SourceLocation at) throws ScenarioException {
            values += added;
            if (values > MAX_EXPANDED_VALUES) {
                throw located(at, "file expands to more than " + MAX_EXPANDED_VALUES
                        + " values (through aliases or sheer size)");
            }
        }

        private YamlNode readStructure(JsonToken token, SourceLocation at) throws IOException, ScenarioException {
            count(1, at);
            switch (token) {
                case START_OBJECT: {
                    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                    List<ScenarioProblem> duplicates = new ArrayList<>();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                        String key = parser.currentName();
                        SourceLocation keyAt = location(file, parser.currentTokenLocation());
                        YamlNode value = readValue(parser.nextToken());
                        YamlNode.Entry previous = entries.put(key, new YamlNode.Entry(keyAt, value));
                        if (previous != null) {
                            duplicates.add(new ScenarioProblem(keyAt, key,
                                    "duplicate key (first defined at " + previous.keyLocation() + ")"));
                        }
                    }
                    if (!duplicates.isEmpty()) {
                        throw new ScenarioException(duplicates);
                    }
                    return new YamlNode.YamlMap(entries, at);
                }
                case START_ARRAY: {
                    List<YamlNode> items = new ArrayList<>();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        items.add(readValue(t));
                    }
                    return new YamlNode.YamlList(items, at);
                }
                case VALUE_NULL:
                    return new YamlNode.YamlScalar(null, at);
                default:
                    return new YamlNode.YamlScalar(parser.getText(), at);
            }
        }
    }

    private static ScenarioException located(SourceLocation at, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(at, "", message)));
    }

    private static SourceLocation location(String file, JsonLocation location) {
        return new SourceLocation(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static ScenarioProblem problemOf(String file, Exception e) {
        int line = 1;
        int column = 1;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            line = Math.max(1, jpe.getLocation().getLineNr());
            column = Math.max(1, jpe.getLocation().getColumnNr());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The parser's message repeats the location and a source excerpt; keep its first sentence.
        message = message.split("\n", 2)[0].replaceAll("\\s+at \\[Source.*$", "").trim();
        // The parser names its internal event classes; say what they stand for in the file instead.
        message = PARSER_EVENT.matcher(message).replaceAll(event -> Matcher.quoteReplacement(event.group(1).equals("Alias")
                ? "an alias " + event.group(2).replaceFirst("^anchor=", "*") : "a YAML " + event.group(1).toLowerCase(Locale.ROOT)));
        return new ScenarioProblem(new SourceLocation(file, line, column), "", "not valid YAML: " + message);
    }

    private static ScenarioException single(String file, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(new SourceLocation(file, 1, 1), "", message)));
    }
}
