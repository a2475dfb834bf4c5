/**
 * The wire form of the operation language: a small dependency-free JSON reader and writer ({@link
 * xmemck.spi.wire.Json}) and the canonical codecs {@link xmemck.spi.wire.OpCodec} (op to and from JSON), {@link
 * xmemck.spi.wire.ResultCodec} and {@link xmemck.spi.wire.CapabilitiesCodec}. The process protocol, the results
 * bundle and {@code ck explain} all use this one form; {@code sut-adapters/PROTOCOL.md} documents it field by
 * field.
 */
package xmemck.spi.wire;
