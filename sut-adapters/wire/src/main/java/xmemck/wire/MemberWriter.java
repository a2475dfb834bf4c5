package xmemck.wire;

import java.util.function.Consumer;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the members of one JSON object in order, for the codecs: the canonical form's member order
 * is the order of the calls, as in the tables of PROTOCOL.md.
 */
final class MemberWriter {
    private final JsonGenerator g;

    MemberWriter(JsonGenerator g) {
        this.g = g;
    }

    MemberWriter str(String name, String value) {
        g.writeStringProperty(name, value);
        return this;
    }

    MemberWriter num(String name, long value) {
        g.writeNumberProperty(name, value);
        return this;
    }

    /** A C {@code size_t} or mask: the long's bits as an unsigned decimal number. */
    MemberWriter unsigned(String name, long bits) {
        g.writeName(name);
        g.writeNumber(Long.toUnsignedString(bits));
        return this;
    }

    MemberWriter bool(String name, boolean value) {
        g.writeBooleanProperty(name, value);
        return this;
    }

    /** Bytes as standard base64 with padding and no line breaks (RFC 4648 section 4). */
    MemberWriter base64(String name, byte[] data) {
        g.writeName(name);
        g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, data, 0, data.length);
        return this;
    }

    MemberWriter array(String name, Consumer<JsonGenerator> items) {
        g.writeArrayPropertyStart(name);
        items.accept(g);
        g.writeEndArray();
        return this;
    }

    MemberWriter object(String name, Consumer<MemberWriter> members) {
        g.writeName(name);
        g.writeStartObject();
        members.accept(this);
        g.writeEndObject();
        return this;
    }

    JsonGenerator generator() {
        return g;
    }
}
