/**
 * The adapter SPI: the small port through which any implementation under test is driven.
 *
 * <p>An adapter is a {@link xmemck.spi.SutProvider} found by id through {@link
 * java.util.ServiceLoader}; it opens a {@link xmemck.spi.Sut} that carries out {@link xmemck.ops.Op
 * operations} and answers with {@link xmemck.ops.Result results}. It declares what it can do as
 * {@link xmemck.spi.Capabilities}; a condition it cannot create is answered {@link
 * xmemck.ops.Result.Unsupported} with a reason, never faked. A crash, hang or protocol breach is a
 * {@link xmemck.spi.SutFailure}.
 */
package xmemck.spi;
