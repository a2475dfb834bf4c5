/**
 * The process adapter: an implementation in any language runs as a child process and speaks
 * newline-delimited JSON on its standard input and output ({@code sut-adapters/PROTOCOL.md}).
 * {@link xmemck.process.ProcessSut} survives implementations that hang, crash or talk nonsense, and
 * leaves no process behind.
 */
package xmemck.process;
