package xmemck.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import xmemck.ops.Op;
import xmemck.wire.Members;
import xmemck.wire.OpCodec;
import xmemck.wire.WireFormatException;
import xmemck.wire.WireJson;

/**
 * The operations of a JSON text for {@code ck explain}, in the wire form of
 * sut-adapters/PROTOCOL.md: a list of ops, an object with "ops" (as the fuzzer's
 * regressions/*.json, whose other members are header facts), or one op. Errors name the file and
 * the path of the op ({@code $.ops[3].uaddr}).
 */
final class OpsJson {
    private OpsJson() {}

    private enum Shape {
        LIST,
        OPS_MEMBER,
        ONE_OP
    }

    static List<Op> read(String text, String name) {
        Shape shape;
        try {
            shape = shape(text);
        } catch (WireFormatException e) {
            throw new CliProblem(Ck.USAGE, name + ": not JSON: " + e.getMessage());
        }
        if (shape == null)
            throw new CliProblem(
                    Ck.USAGE,
                    name
                            + ": expected a list of operations, an object with \"ops\", or one operation");
        List<Op> ops = new ArrayList<>();
        try (JsonParser p = WireJson.parser(text)) {
            WireJson.start(p);
            switch (shape) {
                case LIST -> items(p, ops);
                case ONE_OP -> ops.add(OpCodec.decode(p));
                case OPS_MEMBER -> {
                    Members top = Members.of(p, "the document");
                    for (String member; (member = top.next()) != null; ) {
                        if (!member.equals("ops")) top.skip();
                        else if (p.currentToken() != JsonToken.START_ARRAY)
                            throw new CliProblem(
                                    Ck.USAGE, name + ": $.ops must be a list of operations");
                        else items(p, ops);
                    }
                }
            }
        } catch (WireFormatException e) {
            throw new CliProblem(Ck.USAGE, name + ": " + e.getMessage());
        }
        if (ops.isEmpty()) throw new CliProblem(Ck.USAGE, name + ": no operation to explain");
        return ops;
    }

    /** Decodes the ops of the array the parser is at. */
    private static void items(JsonParser p, List<Op> ops) {
        try {
            while (p.nextToken() != JsonToken.END_ARRAY) ops.add(OpCodec.decode(p));
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    /**
     * Reads the whole text once: is it JSON, and which of the three shapes (an object's members may
     * come in any order, so "ops" or "op" may be its last member)? Null for none of them.
     */
    private static Shape shape(String text) {
        try (JsonParser p = WireJson.parser(text)) {
            JsonToken first = WireJson.start(p);
            Shape shape = null;
            if (first == JsonToken.START_ARRAY) {
                skip(p);
                shape = Shape.LIST;
            } else if (first == JsonToken.START_OBJECT) {
                Members m = Members.of(p, "the document");
                boolean ops = false, op = false;
                for (String member; (member = m.next()) != null; ) {
                    ops |= member.equals("ops");
                    op |= member.equals("op");
                    m.skip();
                }
                shape = ops ? Shape.OPS_MEMBER : op ? Shape.ONE_OP : null;
            }
            WireJson.end(p);
            return shape;
        }
    }

    private static void skip(JsonParser p) {
        try {
            p.skipChildren();
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }
}
