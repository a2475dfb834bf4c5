package xmemck.fuzz.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shrinking reaches the known minimum of toy properties with planted bugs. */
class ShrinkTest {

    static final Gen<List<Integer>> INT_LISTS = Gens.lists(Gens.ints(0, 1000), 0, 50, 90);

    static <T> Counterexample<T> find(Gen<T> gen, Property<T> property, long seed) {
        var report = new Search<>(gen, property, Search.Settings.cases(100_000)).run(seed);
        assertEquals(1, report.failures().size(), "the planted bug should be found");
        return report.failures().getFirst();
    }

    @Test
    void aSingleLargeElementShrinksToExactlyTheThreshold() {
        for (long seed = 0; seed < 5; seed++) {
            var cx =
                    find(
                            INT_LISTS,
                            Property.of("big", l -> l.stream().allMatch(v -> v < 100)),
                            seed);
            assertEquals(List.of(100), cx.value(), "seed " + seed);
        }
    }

    @Test
    void aLongListShrinksToThreeZeros() {
        var cx = find(INT_LISTS, Property.of("long", l -> l.size() < 3), 11);
        assertEquals(List.of(0, 0, 0), cx.value());
    }

    @Test
    void aLargeIntegerShrinksToTheBoundaryByBinarySearch() {
        var cx = find(Gens.longs(0, 1_000_000_000L), Property.of("n", n -> n < 12_345), 3);
        assertEquals(12_345L, cx.value());
    }

    @Test
    void aPairShrinksTheFirstComponentFirst() {
        Gen<int[]> pairs = c -> new int[] {Gens.ints(0, 100).draw(c), Gens.ints(0, 100).draw(c)};
        var cx = find(pairs, Property.of("sum", p -> p[0] + p[1] <= 10 || p[0] >= p[1]), 5);
        assertArrayEquals(new int[] {0, 11}, cx.value());
    }

    @Test
    void anElementInTheMiddleIsFoundAndEverythingAroundItDropped() {
        // fails when some element equals 7 exactly: rare, so the search must find it and shrinking
        // keep it
        Gen<List<Integer>> small = Gens.lists(Gens.ints(0, 20), 0, 30, 95);
        var cx = find(small, Property.of("seven", l -> !l.contains(7)), 8);
        assertEquals(List.of(7), cx.value());
    }

    @Test
    void shrinkingKeepsTheFailuresKind() {
        // two bugs: an element >= 500 ("big"), or more than 4 elements ("long"). A case failing
        // "long" must stay "long".
        Property<List<Integer>> two =
                l -> {
                    if (l.size() > 4) return new Outcome.Fail("long", "size " + l.size());
                    if (l.stream().anyMatch(v -> v >= 500)) return new Outcome.Fail("big", "" + l);
                    return Outcome.PASS;
                };
        Trial<List<Integer>> failing =
                Trial.run(
                        INT_LISTS,
                        two,
                        Choices.replay(new long[] {1, 900, 1, 900, 1, 900, 1, 900, 1, 900, 0}));
        assertEquals("long", failing.signature());
        Trial<List<Integer>> shrunk =
                new Shrinker<>(INT_LISTS, two, failing, Budget.calls(10_000)).shrink();
        assertEquals("long", shrunk.signature());
        assertEquals(List.of(0, 0, 0, 0, 0), shrunk.value());
    }

    @Test
    void shrinkingPassesThroughCasesThatShowTheFailureAmongOthers() {
        // A list with an element >= 500 fails "big", but a list of that element alone names
        // "single" first (and
        // shows "big" too). Shrinking a "big" failure may end there; a "single" one never turns
        // into plain "big".
        Property<List<Integer>> p =
                l -> {
                    if (l.stream().noneMatch(v -> v >= 500)) return Outcome.PASS;
                    return l.size() == 1
                            ? new Outcome.Fail("single", "" + l, java.util.Set.of("big"))
                            : new Outcome.Fail("big", "" + l);
                };
        Trial<List<Integer>> big =
                Trial.run(INT_LISTS, p, Choices.replay(new long[] {1, 3, 1, 900, 0}));
        assertEquals("big", big.signature());
        Trial<List<Integer>> shrunk =
                new Shrinker<>(INT_LISTS, p, big, Budget.calls(10_000)).shrink();
        assertEquals(
                List.of(500),
                shrunk.value(),
                "the other element goes, though the case then names \"single\" first");
        assertEquals("single", shrunk.signature());
        assertTrue(((Outcome.Fail) shrunk.outcome()).answersTo("big"));
    }

    @Test
    void shrinkingStopsWhenTheBudgetIsUsedUp() {
        Trial<Long> failing =
                Trial.run(
                        Gens.longs(0, Long.MAX_VALUE / 2),
                        Property.of("n", n -> n < 5),
                        Choices.replay(new long[] {1L << 50}));
        var shrinker =
                new Shrinker<>(
                        Gens.longs(0, Long.MAX_VALUE / 2),
                        Property.of("n", n -> n < 5),
                        failing,
                        Budget.calls(3));
        Trial<Long> shrunk = shrinker.shrink();
        assertEquals(3, shrinker.calls());
        assertTrue(
                shrunk.value() > 5, "three calls cannot reach the minimum, got " + shrunk.value());
    }

    @Test
    void anExceptionIsAFailureNamedByItsClass() {
        var cx =
                find(
                        Gens.ints(0, 100),
                        n -> {
                            if (n > 50) throw new IllegalStateException("boom " + n);
                            return Outcome.PASS;
                        },
                        1);
        assertEquals("exception java.lang.IllegalStateException", cx.signature());
        assertEquals(51, cx.value());
    }

    @Test
    void invalidCasesAreCountedAndNeverFailures() {
        Property<Integer> odd = n -> n % 2 == 0 ? new Outcome.Invalid("even") : Outcome.PASS;
        var report = new Search<>(Gens.ints(0, 100), odd, Search.Settings.cases(1000)).run(2);
        assertTrue(report.passed());
        assertTrue(
                report.invalid() > 300 && report.invalid() < 700,
                "about half invalid, got " + report.invalid());
        assertEquals("even", report.firstInvalidReason());
        assertEquals(0, report.generatorErrors());
    }

    @Test
    void aGeneratorThatThrowsIsCountedAsAGeneratorError() {
        Gen<Integer> broken =
                c -> {
                    if (c.below(2) == 1) throw new IllegalArgumentException("bad");
                    return 0;
                };
        var report = new Search<>(broken, n -> Outcome.PASS, Search.Settings.cases(100)).run(4);
        assertTrue(report.generatorErrors() > 20, "got " + report.generatorErrors());
        assertTrue(
                report.firstInvalidReason().startsWith(Trial.GENERATOR_THREW),
                report.firstInvalidReason());
    }

    @Test
    void domainPassesSimplifyTheValueFurther() {
        // the choice shrinker cannot turn 4097 into the page boundary 4096, a domain pass can
        Simplifier<Long> pageRound =
                new Simplifier<>() {
                    public List<Long> candidates(Long v) {
                        return List.of(v / 4096 * 4096, v - 1);
                    }

                    public Comparator<Long> order() {
                        return Comparator.comparing((Long v) -> v % 4096 == 0 ? 0 : 1)
                                .thenComparing(v -> v);
                    }
                };
        Property<Long> p = Property.of("big", n -> n < 4000);
        var search =
                new Search<>(
                        Gens.longs(4097, 10_000),
                        p,
                        pageRound,
                        Search.Settings.cases(100),
                        new Search.Listener<>() {});
        var cx = search.run(1).failures().getFirst();
        assertEquals(4097L, cx.shrunk(), "choice shrinking reaches the low end of the range");
        assertEquals(4096L, cx.value(), "the domain pass rounds to the page boundary");
    }

    @Test
    void shrinkingIsDeterministic() {
        Property<List<Integer>> p =
                Property.of("sum", l -> l.stream().mapToInt(Integer::intValue).sum() < 1500);
        List<List<Integer>> results =
                IntStream.range(0, 3).mapToObj(i -> find(INT_LISTS, p, 21).value()).toList();
        assertEquals(results.get(0), results.get(1));
        assertEquals(results.get(1), results.get(2));
        assertTrue(results.get(0).stream().mapToInt(Integer::intValue).sum() >= 1500);
        assertTrue(
                results.get(0).size() <= 3,
                "a sum of 1500 from elements <= 1000 needs 2 elements; got " + results.get(0));
    }
}
