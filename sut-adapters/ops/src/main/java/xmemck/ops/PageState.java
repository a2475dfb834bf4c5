package xmemck.ops;

/** Where a page's data is, as far as the documents distinguish it. */
public enum PageState {
    /** In memory: any access proceeds. */
    RESIDENT,
    /**
     * Not in memory but on paging space: a process-level access brings it in, an interrupt-level
     * one cannot.
     */
    PAGED_OUT,
    /** Not in memory, and bringing it in fails with a paging I/O error. */
    PAGING_IO_ERROR,
    /**
     * In memory, but an uncorrectable hardware error (ECC, parity) in some of its 64-byte lines
     * prevents access to them ({@link Setup.SetPageState} damages every line of the page, {@link
     * Setup.DamageLines} chosen ones).
     */
    HARDWARE_ERROR
}
