/**
 * The Linux adapter: the host kernel as an implementation of copyout, the AIX cross-memory services
 * and vm_mvc, reached through the Foreign Function and Memory API (no JNI, no native build).
 *
 * <p>{@link xmemck.linux.LinuxProvider} opens a {@link xmemck.linux.LinuxSut}; {@link
 * xmemck.linux.World} builds the world out of memory files, mappings and helper child processes
 * ({@link xmemck.linux.Helper}); one class per service ({@link xmemck.linux.CopyoutService}, {@link
 * xmemck.linux.XmemService}, {@link xmemck.linux.VmMvcService}) makes the system calls and
 * translates their results; {@link xmemck.linux.Observer} reads memory back. All native calls are
 * in {@link xmemck.linux.Libc}.
 */
package xmemck.linux;
