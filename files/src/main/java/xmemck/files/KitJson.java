package xmemck.files;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.io.Writer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The one Jackson configuration of every JSON file the kit writes and reads: the run's
 * results.json, summary.json, profile.json and bundle.json, declared profiles, the fuzzer's
 * summary, Allure's categories.json. (The wire protocol is not a file: {@code xmemck.wire.WireJson}
 * has its own compact, one-message-a-line configuration.)
 *
 * <p><b>Writing.</b> Jackson's {@link DefaultPrettyPrinter}, two spaces a level, set up so that a
 * file reads and diffs well line by line, as the kit's files always looked: {@code "name": value}
 * (no space before the colon), one array element a line, {@code []} and {@code {}} when empty,
 * {@code /} not escaped, {@code \}{@code u} escapes in lower case (as the wire form writes them).
 * Members come in the declaration order of the record that holds them (or the order of the map).
 * Text ends without a newline; whoever writes a file adds one.
 *
 * <p><b>Reading</b> binds a file into the records that declare its format ({@link JsonFile#read}),
 * strictly:
 *
 * <ul>
 *   <li>RFC 8259 only (no comments, trailing commas, NaN), no duplicate member names, nothing after
 *       the value;
 *   <li>strings, numbers and booleans are never converted into one another ({@code "3"} or {@code
 *       3.5} is no count); a whole number is a fine value for a decimal;
 *   <li>a member no record component declares is an error, unless the record is a deliberately
 *       partial view ({@code @JsonIgnoreProperties(ignoreUnknown = true)});
 *   <li>an absent or {@code null} member is an error, unless its component says it may be
 *       ({@code @JsonSetter(nulls = Nulls.SET)}); a primitive member that must be present says
 *       {@code @JsonProperty(required = true)}.
 * </ul>
 *
 * Every failure becomes {@code FILE:LINE: reason} ({@link FileFormatException}). The {@link
 * StreamReadConstraints} below make a hostile or broken input (nested ten thousand levels deep, a
 * number of a million digits, a file of many gigabytes) one such message instead of a stack
 * overflow or an exhausted heap: the kit's own files are at most five levels deep, the reports of
 * other tools it reads back (Cucumber's messages, Allure's test cases) less than twenty.
 *
 * <p><b>Untyped reading</b> ({@link #parse}) is for other tools' JSON: objects become {@code
 * LinkedHashMap}s, arrays {@code ArrayList}s, whole numbers {@code Long}s, other numbers {@code
 * Double}s.
 */
public final class KitJson {
    private KitJson() {}

    /** The deepest nesting a file may have. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** The longest number literal: counts and seconds need at most 20 digits. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /**
     * The longest string: a scenario's reason or log line, an attachment of another tool's report.
     */
    public static final int MAX_STRING_LENGTH = 64 << 20;

    /** The largest file: results.json of a very long run is a few hundred megabytes. */
    public static final long MAX_DOCUMENT_LENGTH = 1L << 30;

    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                    .maxNumberLength(MAX_NUMBER_LENGTH)
                                    .maxStringLength(MAX_STRING_LENGTH)
                                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                                    .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .build();

    /**
     * Two spaces a level, one element a line, {@code "name": value}, {@code []} and {@code {}} when
     * empty.
     */
    static final DefaultPrettyPrinter PRETTY =
            new DefaultPrettyPrinter(
                            Separators.createDefaultInstance()
                                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                                    .withObjectEmptySeparator("")
                                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    static final JsonMapper MAPPER =
            JsonMapper.builder(FACTORY)
                    .defaultPrettyPrinter(PRETTY)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .withCoercionConfigDefaults(
                            c ->
                                    c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Integer, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Float, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Boolean,
                                                    CoercionAction.Fail))
                    .withCoercionConfig(
                            LogicalType.Float,
                            c ->
                                    c.setCoercion(
                                            CoercionInputShape.Integer, CoercionAction.TryConvert))
                    .changeDefaultNullHandling(n -> JsonSetter.Value.forValueNulls(Nulls.FAIL))
                    .build();

    /**
     * The pretty text of {@code value} (a record, map, list, string, number, boolean or null),
     * without a final newline.
     */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Seconds and rates as the files write them: three decimals, which is enough and reads stably;
     * 0 for NaN or infinity.
     */
    public static double round(double d) {
        return Double.isFinite(d) ? Math.round(d * 1000.0) / 1000.0 : 0;
    }

    /**
     * A generator that writes as {@link #write} does, for a file too large to hold as one value:
     * write its members one by one, and whole records with {@link JsonGenerator#writePOJO}. Closing
     * it flushes it and leaves {@code out} open.
     */
    public static JsonGenerator generator(Writer out) {
        return MAPPER.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
    }

    /**
     * Any JSON text as plain values (maps, lists, strings, {@code Long}, {@code Double}, booleans,
     * null): for JSON of other tools, whose format the kit does not declare. Errors are {@code
     * WHERE:LINE: reason}.
     */
    public static Object parse(String text, String where) {
        return JsonFile.of(text, where).read(Object.class);
    }

    /**
     * The first JSON value in {@code text} as {@link #parse} gives it, ignoring whatever follows
     * it.
     */
    public static Object parseFirst(String text, String where) {
        return JsonFile.of(text, where).readFirst(Object.class);
    }

    /** A parser of {@code text} with the kit's limits (for {@link JsonFile}). */
    static JsonParser parser(String text) {
        return MAPPER.createParser(text);
    }
}
