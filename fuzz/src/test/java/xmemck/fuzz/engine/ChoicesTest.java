package xmemck.fuzz.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChoicesTest {

    @Test
    void randomDrawsStayBelowTheirBoundAndAreRecorded() {
        Choices c = Choices.random(7);
        for (int i = 0; i < 1000; i++) assertTrue(c.below(10) < 10);
        assertEquals(1000, c.size());
        for (long v : c.recorded()) assertTrue(v >= 0 && v < 10);
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        Choices a = Choices.random(42), b = Choices.random(42), other = Choices.random(43);
        for (Choices c : new Choices[] {a, b, other}) {
            for (int i = 0; i < 100; i++) {
                c.below(1000);
                c.weighted(new int[] {1, 2, 3});
            }
        }
        assertArrayEquals(a.recorded(), b.recorded());
        assertFalse(java.util.Arrays.equals(a.recorded(), other.recorded()));
    }

    @Test
    void replayAnswersTheRecordedDrawsClampsThemAndThenAnswersZero() {
        Choices c = Choices.replay(new long[] {5, 99, 2});
        assertEquals(5, c.below(10));
        assertEquals(9, c.below(10), "an index past its bound is clamped to the largest allowed");
        assertEquals(2, c.weighted(new int[] {1, 1, 1, 1}));
        assertEquals(0, c.below(1000), "past the end every draw is the simplest");
        assertArrayEquals(new long[] {5, 9, 2, 0}, c.recorded());
    }

    @Test
    void weightedDrawsFollowTheirWeights() {
        Choices c = Choices.random(1);
        int[] counts = new int[3];
        for (int i = 0; i < 8_000; i++) counts[c.weighted(new int[] {1, 0, 9})]++;
        assertEquals(0, counts[1], "a zero weight is never drawn");
        assertTrue(
                counts[2] > 8 * counts[0], "weight 9 against 1: " + counts[2] + " vs " + counts[0]);
    }

    @Test
    void tooManyDrawsIsAnOverrun() {
        Choices c = Choices.random(3);
        assertThrows(
                Choices.Overrun.class,
                () -> {
                    while (true) c.below(2);
                });
        assertEquals(Choices.DEFAULT_MAX_DRAWS, c.size());
    }

    @Test
    void badBoundsAreRejectedWithTheirValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Choices.random(1).below(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void spansRecordTheDrawsBetweenStartAndEnd() {
        Choices c = Choices.random(9);
        c.below(3);
        int s = c.startSpan();
        c.below(3);
        c.below(3);
        c.endSpan(s);
        int empty = c.startSpan();
        c.endSpan(empty);
        assertEquals(1, c.spans().length, "an empty span is not kept");
        assertArrayEquals(new int[] {1, 3}, c.spans()[0]);
    }
}
