/**
 * The wire form of the operation language: the canonical codecs {@link xmemck.wire.OpCodec} (op to
 * and from JSON), {@link xmemck.wire.ResultCodec} and {@link xmemck.wire.CapabilitiesCodec}, on
 * Jackson's streaming parser and generator ({@link xmemck.wire.WireJson} holds the one configured
 * factory and its limits). Decoding never builds a tree: {@link xmemck.wire.Members} reads an
 * object member by member, {@link xmemck.wire.Slots} keeps the typed values until the object's kind
 * is known, and base64 is decoded straight from the input. Every decode error is a {@link
 * xmemck.wire.WireFormatException} naming the path (and, for a limit of {@link
 * xmemck.wire.WireJson} broken, the limit). {@link xmemck.wire.UntrustedText} caps and sanitises
 * the text an implementation under test controls. The process protocol, the fuzzer's
 * counterexamples and {@code ck explain} all use this one form; {@code sut-adapters/PROTOCOL.md}
 * documents it field by field.
 */
package xmemck.wire;
