package xmemck.linux;

import xmemck.spi.SutFailure;

/**
 * A Linux address space whose mappings the adapter changes: the kit's own process ({@link
 * KitSpace}) or a helper child ({@link HelperClient}). Files are named by the kit's file
 * descriptor; a helper opens them through {@code /proc/KIT/fd/N}.
 *
 * <p>The kit makes each change before the method returns. A helper is sent the change and carries
 * it out in order, without the kit waiting for each answer ({@link Commands}). Whatever meets a
 * region in the helper's address space first waits for the changes posted for that region ({@link
 * World#ready}), so that nothing ever meets a half-built world: a cross-memory move into it and the
 * protections it shows wait for every change of the region, a read through {@code /proc/PID/mem}
 * (which forces access, whatever the protection) for the changes of its mappings. A change that has
 * to be answered on the spot ({@link #map}, {@link #unmappedAt}) waits for what was sent before it.
 */
sealed interface Space permits KitSpace, HelperClient {

    /** Protection bits for mmap/mprotect. */
    int NONE = Libc.PROT_NONE, READ = Libc.PROT_READ, READ_WRITE = Libc.PROT_READ | Libc.PROT_WRITE;

    int pid();

    String describe();

    /**
     * Reserve {@code length + 2 * fence} bytes with no access, and map file {@code fd}'s bytes
     * {@code [0, length)} shared and read-write at {@code base + fence}. The fences stop a copy
     * that runs off the end of an object before it reaches memory the kit does not own. Returns
     * {@code base}.
     */
    long map(int fd, long length, long fence) throws OsError, SutFailure;

    /**
     * Map file {@code fd}'s bytes {@code [offset, offset + length)} at {@code addr}, replacing what
     * was there.
     */
    void mapAt(long addr, long length, int prot, int fd, long offset) throws OsError, SutFailure;

    /**
     * Map file {@code fd}'s bytes {@code [offset, offset + length)} into a hole the adapter left at
     * {@code addr}. The process may have put something of its own there since; then this fails
     * ({@code EEXIST}) rather than replace it.
     */
    void mapIntoHole(long addr, long length, int prot, int fd, long offset)
            throws OsError, SutFailure;

    void protect(long addr, long length, int prot) throws OsError, SutFailure;

    /** Leave a hole. */
    void unmap(long addr, long length) throws OsError, SutFailure;

    /** Give back a whole reservation made by {@link #map}. */
    void free(long base, long length) throws OsError, SutFailure;

    /** True when nothing at all is mapped at the page of {@code addr}. */
    boolean unmappedAt(long addr) throws SutFailure;

    /**
     * A file descriptor of this space's {@code /proc/PID/mem}, opened by the kit, for observations.
     */
    int memFd() throws SutFailure;

    /**
     * A file descriptor of this space's {@code /proc/PID/maps}, opened by the kit, for {@link
     * ProcMaps}.
     */
    int mapsFd() throws SutFailure;
}
