package xmemck.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.oracle.Picture;

class PictureSvgTest {

    private static Picture picture(String name) {
        String page0 = "nn" + "o".repeat(62);
        String after = "x" + "o".repeat(63);
        return new Picture(
                name,
                "region " + name,
                3,
                List.of(new Picture.Range(0, 100)),
                List.of(
                        new Picture.Row(Picture.Place.GUARD_BEFORE, -1, -1, false, "o".repeat(64)),
                        new Picture.Row(Picture.Place.PAGES, 0, 0, false, page0),
                        new Picture.Row(Picture.Place.GAP, 1, 1, false, ""),
                        new Picture.Row(Picture.Place.PAGES, 2, 2, true, "f".repeat(64)),
                        new Picture.Row(Picture.Place.GUARD_AFTER, 3, 3, false, after)),
                "0",
                "0 (copyout.succ: 100 bytes copied)",
                List.of(3L * 4096));
    }

    @Test
    void everyRowIsLabelledAndEveryLineDrawnInItsColour() {
        String svg = PictureSvg.svg(picture("u"));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        for (String label :
                List.of(
                        "guard page before u",
                        "page 0",
                        "... 1 page(s) not drawn ...",
                        "page 2",
                        "guard page after u",
                        "cannot store here",
                        "differs at 12288")) {
            assertTrue(
                    svg.contains(">" + label) || svg.contains(label + "<") || svg.contains(label),
                    label + " in " + svg);
        }
        assertTrue(svg.contains(PictureSvg.fill(Picture.Line.OUTSIDE)), "the write outside is red");
        assertTrue(svg.contains(PictureSvg.fill(Picture.Line.FOREIGN)));
        // Four drawn rows of 64 lines, plus the legend's swatches: every line is a rect.
        long rects = svg.split("<rect ", -1).length - 1;
        assertTrue(rects >= 4 * 64, rects + " rects");
        for (Picture.Line l : Picture.Line.values())
            assertTrue(svg.contains(PictureSvg.words(l)), "legend names " + l);
        assertFalse(
                svg.contains("http://")
                        && svg.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no external assets");
    }

    @Test
    void namesFromTheRunAreEscaped() {
        String figure = PictureSvg.figure(picture("<img src=x onerror=alert(1)>"));
        assertFalse(figure.contains("<img"), figure);
        assertTrue(figure.contains("&lt;img src=x onerror=alert(1)&gt;"), figure);
    }

    @Test
    void theDestinationIsUnderlined() {
        String svg = PictureSvg.svg(picture("u"));
        // Bytes 0..99 are lines 0 and 1 of page 0: two blue bars.
        assertEquals(2, svg.split("fill=\"#1565c0\"", -1).length - 1, svg);
    }
}
