package xmemck.oracle;

import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;

/**
 * Carries out an alternative's effects on the world (for {@link Oracle#perform} and {@link
 * Oracle#commit}).
 */
final class Effects {
    private Effects() {}

    static final int PAGE = MemObject.PAGE;

    /**
     * Write the first {@code k} bytes of {@code e}'s data; the pages written are resident
     * afterwards.
     */
    static void write(World world, Op op, Effect.Write e, long k) {
        MemObject dst = world.object(op, e.object());
        MemObject src = e.data() instanceof Data.CopyOf c ? world.object(op, c.object()) : null;
        long srcOffset = e.data() instanceof Data.CopyOf c ? c.offset() : 0;
        long done = 0;
        while (done < k) {
            long at = e.offset() + done;
            long page = MemObject.pageOf(at);
            int index = (int) (at - page * PAGE);
            int n = (int) Math.min(PAGE - index, k - done);
            if (index == 0 && n == PAGE) {
                // A whole page: keep it sparse when the source is pattern memory or zeros.
                if (src == null) {
                    dst.setPage(page, PageContent.Zero.INSTANCE);
                } else {
                    PageContent.Pattern p = src.patternOfPage(srcOffset + done);
                    if (p != null) {
                        dst.setPage(page, p);
                    } else {
                        byte[] b = new byte[PAGE];
                        src.read(srcOffset + done, b, 0, PAGE);
                        dst.setPage(page, new PageContent.Raw(b));
                    }
                }
            } else {
                byte[] raw = dst.raw(page);
                if (src == null) java.util.Arrays.fill(raw, index, index + n, (byte) 0);
                else src.read(srcOffset + done, raw, index, n);
            }
            bringIn(dst, page);
            done += n;
        }
    }

    /** A page that was written to was in memory at that moment. */
    static void bringIn(MemObject o, long page) {
        if (!o.isGuard(page) && o.state(page) == PageState.PAGED_OUT)
            o.setState(page, PageState.RESIDENT);
    }

    /**
     * The descriptor and protection changes of an alternative (its writes are handled by the
     * caller); {@code chosen} picks the protection a {@link Effect.Protect} gives, among the
     * allowed ones.
     */
    static void applyNonMemory(
            World world,
            Op op,
            Alternative alt,
            java.util.function.Function<Effect.Protect, Prot> chosen) {
        for (Effect e : alt.effects()) {
            switch (e) {
                case Effect.Write w -> {}
                case Effect.Protect p ->
                        world.object(op, p.object()).setProt(p.page(), chosen.apply(p));
                case Effect.Attach a ->
                        world.attach(
                                new Descriptor(
                                        a.dp(),
                                        a.space(),
                                        a.object(),
                                        a.offset(),
                                        a.count(),
                                        a.segflag()));
                case Effect.Detach d -> world.detach(d.dp());
            }
        }
    }
}
