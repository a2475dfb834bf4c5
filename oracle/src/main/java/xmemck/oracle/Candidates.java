package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * The page contents an allowed outcome can leave: a page as it was before the call, or a page
 * holding one write's new data over the part the write covers (and its old bytes elsewhere). Whole
 * pages copied from pattern memory or zeroed stay symbolic, so comparing a large move costs a
 * record comparison per page.
 */
final class Candidates {
    private final World world;

    Candidates(World world) {
        this.world = world;
    }

    /** The writes of {@code writes} on {@code object} whose range meets page {@code page}. */
    static List<Effect.Write> on(List<Effect.Write> writes, String object, long page) {
        List<Effect.Write> out = new ArrayList<>(1);
        for (Effect.Write w : writes) if (meets(w, object, page)) out.add(w);
        return out;
    }

    static boolean meets(Effect.Write w, String object, long page) {
        return w.length() > 0
                && w.object().equals(object)
                && w.offset() < (page + 1) * MemObject.PAGE
                && w.offset() + w.length() > page * MemObject.PAGE;
    }

    /**
     * Page {@code page} of {@code o} after {@code w} wrote all of its new data (the model's page
     * when {@code w} misses it).
     */
    PageContent newPage(Effect.Write w, MemObject o, long page) {
        long start = page * MemObject.PAGE;
        long lo = Math.max(start, w.offset()),
                hi = Math.min(start + MemObject.PAGE, w.offset() + w.length());
        if (lo >= hi || !w.object().equals(o.name)) return o.page(page);
        MemObject src = w.data() instanceof Data.CopyOf c ? world.objectOrNull(c.object()) : null;
        long srcFrom = w.data() instanceof Data.CopyOf c ? c.offset() + (lo - w.offset()) : 0;
        if (w.data() instanceof Data.CopyOf
                && (src == null
                        || !src.observable(srcFrom)
                        || !src.observable(srcFrom + (hi - lo) - 1))) {
            throw new IllegalStateException(
                    "kit: the source of "
                            + w
                            + " lies beyond its object; the service oracle should have refused the call");
        }
        if (lo == start && hi == start + MemObject.PAGE) {
            if (src == null) return PageContent.Zero.INSTANCE;
            PageContent.Pattern p = src.patternOfPage(srcFrom);
            if (p != null) return p;
        }
        byte[] bytes = new byte[MemObject.PAGE];
        o.page(page).read(0, bytes, 0, MemObject.PAGE);
        if (src == null)
            java.util.Arrays.fill(bytes, (int) (lo - start), (int) (hi - start), (byte) 0);
        else src.read(srcFrom, bytes, (int) (lo - start), (int) (hi - lo));
        return new PageContent.Raw(bytes);
    }
}
