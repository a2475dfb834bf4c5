package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sweep features are generated: each committed file must be exactly what {@link SweepFeatures}
 * writes. Run with {@code -Dxmemck.regenerate=true} to rewrite them after changing the generator.
 */
class SweepFeaturesTest {

    @Test
    void committedSweepFeaturesAreWhatTheGeneratorWrites() throws IOException {
        boolean regenerate = Boolean.getBoolean("xmemck.regenerate");
        for (Map.Entry<String, String> e : SweepFeatures.all().entrySet()) {
            Path file = FeaturesFolder.path().resolve(e.getKey());
            if (regenerate) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            }
            assertTrue(
                    Files.exists(file),
                    "features/"
                            + e.getKey()
                            + " is missing: run this test with -Dxmemck.regenerate=true");
            assertEquals(
                    e.getValue(),
                    Files.readString(file, StandardCharsets.UTF_8),
                    "features/"
                            + e.getKey()
                            + " differs from what SweepFeatures writes: edit the generator, then run "
                            + "./mvnw -q -pl runner test -Dtest=SweepFeaturesTest -Dxmemck.regenerate=true");
        }
    }

    @Test
    void theAlignmentSweepCoversEverySourceAndDestinationOffsetForEverySizeOnce() {
        java.util.List<String> rows =
                SweepFeatures.copyoutAlignment()
                        .lines()
                        .map(l -> l.strip().replaceAll(" +", " "))
                        .filter(l -> l.matches("\\| \\d+ \\| \\d \\| \\d \\|"))
                        .toList();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (int size : SweepFeatures.SIZES) {
            for (int src = 0; src < 8; src++)
                for (int dst = 0; dst < 8; dst++)
                    expected.add("| " + size + " | " + src + " | " + dst + " |");
        }
        assertEquals(
                expected.size(),
                rows.size(),
                "one row per (size, source offset, destination offset)");
        assertEquals(expected, new java.util.HashSet<>(rows));
    }

    @Test
    void everySizeHasBuffersLargeEnoughForTheLargestOffset() {
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        for (SweepFeatures.SizeClass c : SweepFeatures.SIZE_CLASSES) {
            for (int size : c.sizes()) {
                sizes.add(size);
                assertTrue(
                        7 + size <= c.pages() * 4096,
                        size + " bytes at offset 7 do not fit in " + c.pages() + " page(s)");
            }
        }
        assertEquals(java.util.Arrays.stream(SweepFeatures.SIZES).boxed().toList(), sizes);
    }

    @Test
    void aFailedCopyMayStoreEveryByteOfTheDestinationOutsideTheBadPage() {
        SweepFeatures.Destination aligned = new SweepFeatures.Destination(0, 3 * 4096);
        SweepFeatures.Destination inside = new SweepFeatures.Destination(1001, 10000);
        assertEquals("4096 to 12287", SweepFeatures.storable(aligned, 0));
        assertEquals("0 to 4095 and 8192 to 12287", SweepFeatures.storable(aligned, 1));
        assertEquals("0 to 8191", SweepFeatures.storable(aligned, 2));
        assertEquals("3095 to 9999", SweepFeatures.storable(inside, 0));
        assertEquals("0 to 3094 and 7191 to 9999", SweepFeatures.storable(inside, 1));
        assertEquals("0 to " + (8192 - 1001 - 1), SweepFeatures.storable(inside, 2));
    }
}
