package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

class ProcessSutProviderTest {

    @Test
    void isFoundByIdThroughTheServiceLoader() {
        assertInstanceOf(ProcessSutProvider.class, Adapters.find("process"));
        String description = Adapters.find("process").description();
        assertTrue(
                !description.isBlank() && !description.contains("\n"), "one line: " + description);
    }

    @Test
    void opensTheCommandLineWithTheSeededFaultAppended() throws Exception {
        SutOptions options =
                new SutOptions(
                        Map.of(
                                "sut",
                                CExampleTest.BINARY,
                                "fault",
                                "protzero_no_protect",
                                "timeoutMillis",
                                "3000"));
        assertEquals(
                List.of(CExampleTest.BINARY, "--fault", "protzero_no_protect"),
                ProcessSutProvider.command(options));
        try (Sut sut = Adapters.find("process").open(options)) {
            assertEquals("xmemck C example 0.1.0, seeded fault protzero_no_protect", sut.name());
        }
    }

    @Test
    void aMissingCommandLineIsExplained() {
        String saved = System.getProperty("xmemck.sut");
        System.clearProperty("xmemck.sut");
        try {
            var e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new ProcessSutProvider().open(SutOptions.none()));
            assertTrue(
                    e.getMessage().contains("--sut \"<command line>\"")
                            && e.getMessage().contains("-Dxmemck.sut"),
                    e.getMessage());
        } finally {
            if (saved != null) System.setProperty("xmemck.sut", saved);
        }
    }

    @Test
    void timeoutsComeFromTheOptions() {
        assertEquals(Duration.ofSeconds(10), ProcessSutProvider.startTimeout(SutOptions.none()));
        assertEquals(
                Duration.ofSeconds(30),
                ProcessSutProvider.startTimeout(new SutOptions(Map.of("timeoutMillis", "30000"))));
        assertEquals(
                Duration.ofMillis(1500),
                ProcessSutProvider.startTimeout(
                        new SutOptions(Map.of("startTimeoutMillis", "1500"))));
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ProcessSutProvider.startTimeout(
                                        new SutOptions(Map.of("startTimeoutMillis", "soon"))));
        assertTrue(
                e.getMessage()
                        .contains(
                                "startTimeoutMillis must be a whole number of milliseconds, got \"soon\""));
    }
}
