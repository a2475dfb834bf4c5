package xmemck.glue;

import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * What a feature can say about a range of pages ("page 2 of ubuf is paged out"), and the set-up
 * operation that makes it so.
 */
public enum PageCondition {
    READ_ONLY("read-only"),
    READ_WRITE("read-write"),
    INACCESSIBLE("inaccessible"),
    UNMAPPED("unmapped"),
    PAGED_OUT("paged out"),
    RESIDENT("resident"),
    PAGING_IO_ERROR("failing with a paging I/O error"),
    HARDWARE_ERROR("damaged by an uncorrectable hardware error"),
    PINNED("pinned");

    /** The words a feature uses. */
    public final String words;

    PageCondition(String words) {
        this.words = words;
    }

    public static PageCondition fromWords(String words) {
        for (PageCondition c : values()) if (c.words.equals(words)) return c;
        StringBuilder known = new StringBuilder();
        for (PageCondition c : values()) known.append(known.isEmpty() ? "" : ", ").append(c.words);
        throw new IllegalArgumentException(
                "unknown page condition \"" + words + "\"; known: " + known);
    }

    /**
     * The operation that puts pages {@code [first, first + count)} of {@code object} in this
     * condition.
     */
    public Setup op(String object, int first, int count) {
        return switch (this) {
            case READ_ONLY -> new Setup.Protect(object, first, count, Prot.READ);
            case READ_WRITE -> new Setup.Protect(object, first, count, Prot.READ_WRITE);
            case INACCESSIBLE -> new Setup.Protect(object, first, count, Prot.NONE);
            case UNMAPPED -> new Setup.Unmap(object, first, count);
            case PAGED_OUT -> new Setup.SetPageState(object, first, count, PageState.PAGED_OUT);
            case RESIDENT -> new Setup.SetPageState(object, first, count, PageState.RESIDENT);
            case PAGING_IO_ERROR ->
                    new Setup.SetPageState(object, first, count, PageState.PAGING_IO_ERROR);
            case HARDWARE_ERROR ->
                    new Setup.SetPageState(object, first, count, PageState.HARDWARE_ERROR);
            case PINNED -> new Setup.Pin(object, first, count);
        };
    }
}
