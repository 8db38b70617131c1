package org.icesim.stats;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON conventions of result files: snake_case keys, two-space indentation and {@code \n}
 * line ends whatever the platform, and a final line end, so equal content gives equal bytes.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as pretty-printed UTF-8 JSON ending with a line end. */
    public static byte[] bytes(Object value) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
        String text = MAPPER.writer(printer).writeValueAsString(value);
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
