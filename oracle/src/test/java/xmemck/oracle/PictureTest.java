package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.p;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Fill;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * The failure picture: what each 64-byte line of the destination holds after a call that did not
 * conform.
 */
class PictureTest {

    private static final int PAGE = 4096;

    private static Call.Copyout copy(long kOff, long uOff, long n) {
        return new Call.Copyout(p("p1"), at("k", kOff), at("u", uOff), n);
    }

    @Test
    void a_conforming_call_has_no_picture() {
        assertEquals(List.of(), Twin.standard().call(copy(0, 0, 100)).judgement().pictures());
    }

    @Test
    void a_byte_written_past_the_end_shows_in_the_guard_page_with_the_copy_beside_it() {
        Twin.Outcome o =
                Twin.standard()
                        .call(
                                copy(0, 0, 100),
                                Twin.poke("u", 2 * PAGE + 5, Fill.byteAt(22, 2 * PAGE + 5) ^ 0xff));
        List<Picture> pictures = o.judgement().pictures();
        assertEquals(1, pictures.size());
        Picture pic = pictures.getFirst();
        assertEquals("u", pic.object());
        assertEquals(List.of(new Picture.Range(0, 100)), pic.destinations());
        assertEquals(List.of(2L * PAGE + 5), pic.differences());
        assertTrue(pic.allowed().contains("copyout.succ"), pic.allowed());
        List<Picture.Row> rows = pic.rows();
        assertEquals(Picture.Place.GUARD_BEFORE, rows.getFirst().place());
        assertEquals("o".repeat(64), rows.getFirst().lines());
        // Page 0: lines 0 and 1 hold the copy (bytes 100..127 lie outside the destination and are
        // unchanged).
        Picture.Row page0 = rows.get(1);
        assertEquals(0, page0.firstPage());
        assertEquals("nn" + "o".repeat(62), page0.lines());
        Picture.Row after = rows.getLast();
        assertEquals(Picture.Place.GUARD_AFTER, after.place());
        assertEquals(Picture.Line.OUTSIDE, after.line(0));
        assertEquals(Picture.Line.OLD, after.line(1));
    }

    @Test
    void foreign_data_and_unstorable_pages_are_marked() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        byte old = Fill.byteAt(22, PAGE - 8), src = Fill.byteAt(11, 8);
        int foreign = 0;
        while ((byte) foreign == old || (byte) foreign == src) foreign++;
        Twin.Outcome o = t.call(copy(0, PAGE - 8, 64), Twin.poke("u", PAGE - 8, foreign));
        assertFalse(o.judgement().conforms());
        Picture pic = o.judgement().pictures().getFirst();
        Picture.Row page0 =
                pic.rows().stream()
                        .filter(r -> r.place() == Picture.Place.PAGES && r.firstPage() == 0)
                        .findFirst()
                        .orElseThrow();
        assertEquals(Picture.Line.FOREIGN, page0.line(63));
        assertFalse(page0.unstorable());
        Picture.Row page1 =
                pic.rows().stream()
                        .filter(
                                r ->
                                        r.place() == Picture.Place.PAGES
                                                && r.lastPage() >= 1
                                                && r.firstPage() <= 1)
                        .findFirst()
                        .orElseThrow();
        assertTrue(page1.unstorable(), "the read-only page is where the copy cannot store");
    }

    @Test
    void identical_pages_are_one_row_and_far_rows_become_a_gap() {
        List<Picture.Row> rows = new ArrayList<>();
        rows.add(new Picture.Row(Picture.Place.GUARD_BEFORE, -1, -1, false, "o".repeat(64)));
        for (int p = 0; p < 100; p++)
            rows.add(
                    new Picture.Row(
                            Picture.Place.PAGES,
                            p,
                            p,
                            false,
                            p % 2 == 0 ? "o".repeat(64) : "n".repeat(64)));
        rows.set(51, new Picture.Row(Picture.Place.PAGES, 50, 50, false, "x" + "o".repeat(63)));
        rows.add(new Picture.Row(Picture.Place.GUARD_AFTER, 100, 100, false, "o".repeat(64)));
        List<Picture.Row> out = Pictures.elide(rows);
        assertTrue(out.size() <= Pictures.MAX_ROWS, () -> out.size() + " rows");
        assertEquals(Picture.Place.GUARD_BEFORE, out.getFirst().place());
        assertEquals(Picture.Place.GUARD_AFTER, out.getLast().place());
        assertTrue(
                out.stream().anyMatch(r -> r.lines().startsWith("x")),
                "the row worth seeing is kept");
        assertTrue(out.stream().anyMatch(r -> r.place() == Picture.Place.GAP), "the rest is a gap");
        long pages = out.stream().mapToLong(Picture.Row::pageCount).sum();
        assertEquals(102, pages, "every page is in a row or a gap");
    }

    @Test
    void a_success_that_left_one_old_byte_shows_a_mixed_line_among_new_ones() {
        Twin.Outcome o =
                Twin.standard().call(copy(0, 0, 2 * PAGE), Twin.poke("u", 3, Fill.byteAt(22, 3)));
        Picture pic = o.judgement().pictures().getFirst();
        Picture.Row page0 = pic.rows().get(1);
        assertEquals("m" + "n".repeat(63), page0.lines());
        Picture.Row page1 = pic.rows().get(2);
        assertEquals(1, page1.firstPage());
        assertEquals("n".repeat(64), page1.lines());
    }
}
