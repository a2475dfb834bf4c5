package xmemck.oracle;

import java.util.List;
import xmemck.ops.Result;

/**
 * One object as the implementation reported it, page by page: each page's content (a view into the
 * answer, or the model's own page when a digest showed it equal), or null for a page the
 * implementation could not read.
 */
final class Seen {
    final MemObject object;
    private final long firstPage;
    private final PageContent[] pages;

    Seen(MemObject object, long firstPage, PageContent[] pages) {
        this.object = object;
        this.firstPage = firstPage;
        this.pages = pages;
    }

    /** The pages of a bytes answer that starts on a page boundary and covers whole pages. */
    static Seen of(MemObject object, Result.Bytes b) {
        long first = MemObject.pageOf(b.from());
        PageContent[] pages = new PageContent[b.data().length / MemObject.PAGE];
        for (int i = 0; i < pages.length; i++)
            pages[i] = new PageContent.Slice(b.data(), i * MemObject.PAGE);
        for (long p : b.unreadablePages())
            if (p >= first && p - first < pages.length) pages[(int) (p - first)] = null;
        return new Seen(object, first, pages);
    }

    String name() {
        return object.name;
    }

    long firstPage() {
        return firstPage;
    }

    long endPage() {
        return firstPage + pages.length;
    }

    boolean covers(long page) {
        return page >= firstPage && page < endPage();
    }

    boolean readable(long page) {
        return covers(page) && pages[(int) (page - firstPage)] != null;
    }

    /** The page's content; null when unreadable. */
    PageContent page(long page) {
        return covers(page) ? pages[(int) (page - firstPage)] : null;
    }

    static Seen find(String object, List<Seen> seen) {
        for (Seen s : seen) if (s.name().equals(object)) return s;
        return null;
    }
}
