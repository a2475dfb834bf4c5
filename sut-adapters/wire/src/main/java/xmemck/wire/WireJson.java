package xmemck.wire;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * The one Jackson factory of the wire form, its limits, and the two things every codec needs from
 * it: JSON paths ({@code $.ops[3].uaddr}) for error messages, and Jackson's own errors turned into
 * {@link WireFormatException}.
 *
 * <p>Reading is strict RFC 8259 (Jackson's defaults: no comments, no trailing commas, no leading
 * zeros or plus signs, no NaN) and refuses duplicate member names, because a message with two
 * values for one field has no meaning. Writing never escapes {@code /} and writes the hexadecimal
 * digits of {@code \}{@code u} escapes in lower case, as the canonical form always has (PROTOCOL.md
 * section 12), whatever Jackson's defaults become.
 */
public final class WireJson {
    private WireJson() {}

    /*
     * Limits of one document, sized by the largest legitimate message. Every breach is an error that names the limit
     * (see limitBreached), and each is documented in the "Limits" section of sut-adapters/PROTOCOL.md.
     */

    /**
     * The longest string: an observation of the largest region (1 GiB) with its guard pages is 1.43
     * GB of base64.
     */
    public static final int MAX_STRING_LENGTH = 3 << 29; // 1.5 GiB

    /**
     * The deepest nesting: the deepest document of the wire form (an address in an op in "ops") has
     * 3 levels.
     */
    public static final int MAX_NESTING_DEPTH = 16;

    /**
     * The longest number literal: the protocol's integers have at most 20 digits and a sign.
     * Jackson checks this as it reads, so a number of megabytes costs no more than its first few
     * hundred characters.
     */
    public static final int MAX_NUMBER_LENGTH = 64;

    /**
     * The most tokens in one message of the process protocol. The largest legitimate message, a
     * digest observation of a 1 GiB region with its guard pages plus as many unreadable pages, has
     * about 525,000; a line of two gigabytes of {@code 1,1,1,...} would otherwise become a billion
     * boxed numbers and exhaust the kit's memory. Not applied to the kit's own files ({@link
     * #parser(String)}), which may hold any number of ops.
     */
    public static final long MAX_MESSAGE_TOKENS = 1_000_000;

    private static final StreamReadConstraints LIMITS =
            StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build();

    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(LIMITS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    // One parser or generator per message line: the default shared pool's
                    // concurrent deque cost more than the small lines themselves. The kit's
                    // threads are few and long-lived, so a buffer per thread is the cheap choice.
                    .recyclerPool(tools.jackson.core.util.JsonRecyclerPools.threadLocalPool())
                    .build();

    /**
     * The same, with the limit on tokens per message: for what an implementation under test writes.
     */
    private static final JsonFactory MESSAGE_FACTORY =
            FACTORY.rebuild()
                    .streamReadConstraints(
                            LIMITS.rebuild().maxTokenCount(MAX_MESSAGE_TOKENS).build())
                    .build();

    /** A parser over UTF-8 bytes, such as one line of the process protocol. */
    public static JsonParser parser(byte[] utf8, int offset, int length) {
        return FACTORY.createParser(ObjectReadContext.empty(), utf8, offset, length);
    }

    public static JsonParser parser(String text) {
        return FACTORY.createParser(ObjectReadContext.empty(), text);
    }

    /**
     * A parser over one message an implementation under test wrote (UTF-8): the limits above and
     * {@link #MAX_MESSAGE_TOKENS}.
     */
    public static JsonParser messageParser(byte[] utf8, int offset, int length) {
        return MESSAGE_FACTORY.createParser(ObjectReadContext.empty(), utf8, offset, length);
    }

    /**
     * The compact text that {@code body} writes (no white space between tokens, nothing after the
     * value).
     */
    public static String write(Consumer<JsonGenerator> body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            body.accept(g);
        }
        return out.toString();
    }

    /** {@link #FACTORY}, with a line end between the values one generator writes. */
    private static final JsonFactory LINES_FACTORY =
            FACTORY.rebuild().rootValueSeparator("\n").build();

    /**
     * {@code count} values, each compact text on a line of its own ended by a line end, as UTF-8
     * bytes: {@code line} writes value {@code i}, for {@code i} from 0 up, in order. The same bytes
     * as {@link #write} for each value, joined by line ends, without a string in between (a batch
     * of the process protocol).
     */
    public static byte[] writeLines(
            int count, java.util.function.ObjIntConsumer<JsonGenerator> line) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128 * count + 16);
        try (JsonGenerator g = LINES_FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            for (int i = 0; i < count; i++) line.accept(g, i);
        }
        if (count > 0) out.write('\n');
        return out.toByteArray();
    }

    /**
     * Moves a fresh parser to its first token, the start of the document's one value; an empty text
     * is an error. Jackson's errors come out as {@link WireFormatException}.
     */
    public static JsonToken start(JsonParser p) {
        try {
            JsonToken t = p.nextToken();
            if (t == null) throw new WireFormatException("at $: no JSON value (the text is empty)");
            return t;
        } catch (JacksonException e) {
            throw invalid(p, e);
        }
    }

    /** Checks that nothing but white space follows the document's one value. */
    public static void end(JsonParser p) {
        try {
            JsonToken t = p.nextToken();
            if (t != null)
                throw new WireFormatException(
                        "at $: unexpected " + describe(t) + " after the JSON value");
        } catch (JacksonException e) {
            throw invalid(p, e);
        }
    }

    /**
     * The path of the value the parser is at, such as {@code $.ops[3].uaddr} ({@code $} being the
     * document): every enclosing object adds the name of the member being read, every enclosing
     * array the item's index.
     */
    public static String path(TokenStreamContext context) {
        Deque<TokenStreamContext> chain = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent())
            chain.push(c);
        StringBuilder sb = new StringBuilder("$");
        for (TokenStreamContext c : chain) {
            if (c.inObject() && c.hasCurrentName()) sb.append('.').append(c.currentName());
            else if (c.inArray() && c.hasCurrentIndex())
                sb.append('[').append(c.getCurrentIndex()).append(']');
        }
        return sb.toString();
    }

    /**
     * Jackson's complaint about the text {@code p} reads (not JSON, a duplicate member, a limit
     * exceeded), with the path where the parser stopped and the line and column. A limit exceeded
     * is said first, by the name the protocol's documentation gives it ("over the limit on number
     * length (64 characters)").
     */
    public static WireFormatException invalid(JsonParser p, JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1)
            at = p.currentLocation(); // limits are reported without a place
        String where =
                at == null || at.getLineNr() < 1
                        ? ""
                        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        String limit =
                e instanceof StreamConstraintsException
                        ? limitBreached(message, p.streamReadConstraints())
                        : "";
        return new WireFormatException(
                "at "
                        + path(p.streamReadContext())
                        + ": invalid JSON"
                        + where
                        + ": "
                        + limit
                        + Excerpt.inline(message, 300),
                e);
    }

    /**
     * The limit a {@link StreamConstraintsException} is about, in the words of PROTOCOL.md's
     * "Limits" table, with its value; Jackson's own message (which follows) names its setting, not
     * ours.
     */
    static String limitBreached(String jacksonMessage, StreamReadConstraints c) {
        String m = String.valueOf(jacksonMessage);
        if (m.contains("getMaxNumberLength"))
            return "over the limit on number length (" + c.getMaxNumberLength() + " characters): ";
        if (m.contains("getMaxNestingDepth"))
            return "over the limit on nesting depth (" + c.getMaxNestingDepth() + " levels): ";
        if (m.contains("getMaxStringLength"))
            return "over the limit on string length (" + c.getMaxStringLength() + " characters): ";
        if (m.contains("getMaxNameLength"))
            return "over the limit on member name length ("
                    + c.getMaxNameLength()
                    + " characters): ";
        if (m.contains("getMaxTokenCount"))
            return "over the limit on tokens per message (" + c.getMaxTokenCount() + "): ";
        if (m.contains("getMaxDocumentLength"))
            return "over the limit on document length (" + c.getMaxDocumentLength() + " bytes): ";
        return "over a limit: ";
    }

    /**
     * Where Jackson says an unclosed object or array began: a source it does not name, so only
     * noise here.
     */
    private static final Pattern SOURCE =
            Pattern.compile(" \\(start marker at \\[Source: [^\\]]*\\]\\)");

    /** A token as an error message names it: {@code string}, {@code number}, {@code object}, ... */
    static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT, END_OBJECT -> "object";
            case START_ARRAY, END_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
