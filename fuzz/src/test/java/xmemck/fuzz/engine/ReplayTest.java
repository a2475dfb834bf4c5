package xmemck.fuzz.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A case replays exactly, from its seed and index or from its recorded choices. */
class ReplayTest {

    record Shape(int kind, List<Long> values, boolean flag) {}

    static final Gen<Shape> SHAPES =
            c -> {
                int kind =
                        Gens.frequency(
                                        new int[] {1, 5, 2},
                                        Gens.constant(0),
                                        Gens.ints(1, 9),
                                        Gens.ints(100, 4096))
                                .draw(c);
                List<Long> values =
                        Gens.lists(Gens.longs(-5, Long.MAX_VALUE / 2), 0, 20, 80).draw(c);
                return new Shape(kind, values, Gens.bool(30).draw(c));
            };

    static final Property<Shape> ALWAYS = s -> Outcome.PASS;

    @Test
    void everyCaseReplaysFromItsSeedAndIndex() {
        for (long index = 0; index < 200; index++) {
            Trial<Shape> first = Search.replay(SHAPES, ALWAYS, 1234, index);
            Trial<Shape> again = Search.replay(SHAPES, ALWAYS, 1234, index);
            assertEquals(first.value(), again.value());
            assertArrayEquals(first.choices(), again.choices());
        }
    }

    @Test
    void everyCaseReplaysFromItsChoices() {
        for (long index = 0; index < 200; index++) {
            Trial<Shape> first = Search.replay(SHAPES, ALWAYS, 99, index);
            Trial<Shape> again = Search.replay(SHAPES, ALWAYS, first.choices());
            assertEquals(first.value(), again.value(), "case " + index);
            assertArrayEquals(first.choices(), again.choices(), "case " + index);
        }
    }

    @Test
    void differentIndicesGiveDifferentCases() {
        assertNotEquals(Search.caseSeed(5, 0), Search.caseSeed(5, 1));
        assertNotEquals(Search.caseSeed(5, 0), Search.caseSeed(6, 0));
        long distinct =
                java.util.stream.LongStream.range(0, 100)
                        .mapToObj(i -> Search.replay(SHAPES, ALWAYS, 5, i).value())
                        .distinct()
                        .count();
        assertFalse(distinct < 90, "only " + distinct + " distinct cases out of 100");
    }

    @Test
    void aFoundCounterexampleReplaysFromTheSeedAndIndexItReports() {
        Property<Shape> noBigValues =
                Property.of("big", s -> s.values().stream().allMatch(v -> v < 1L << 60));
        var report = new Search<>(SHAPES, noBigValues, Search.Settings.cases(10_000)).run(77);
        assertEquals(1, report.failures().size());
        var cx = report.failures().getFirst();
        Trial<Shape> replayed = Search.replay(SHAPES, noBigValues, cx.seed(), cx.caseIndex());
        assertEquals(cx.original(), replayed.value());
        assertArrayEquals(cx.originalChoices(), replayed.choices());
        Trial<Shape> fromChoices = Search.replay(SHAPES, noBigValues, cx.choices());
        assertEquals(cx.shrunk(), fromChoices.value());
        assertEquals("big", fromChoices.signature());
    }
}
