/**
 * The operation language: the one small vocabulary that scenarios, fuzzing, the oracle, every
 * adapter, the process protocol and the reports share.
 *
 * <p>An {@link xmemck.ops.Op} is one of three things: a {@link xmemck.ops.Setup} that builds the
 * world (processes, regions, page states, descriptors' targets, file segments), a {@link
 * xmemck.ops.Call} of one of the kernel services under test, or an {@link xmemck.ops.Observe} that
 * reads memory back. Every op answers with a {@link xmemck.ops.Result}. Addresses are symbolic
 * ({@link xmemck.ops.Addr}): an object name plus an offset, or a named special place, so that each
 * implementation maps them to its own addresses.
 *
 * <p>This package has no dependencies and holds data only; meaning is given by the oracle.
 */
package xmemck.ops;
