package xmemck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.features.Sha256;

/**
 * The expectations file: its format, and a message with file, line and reason for everything else.
 */
class ExpectationsTest {

    static final String GOOD =
            """
            # known failures of the acme kernel

            clause    copyout.fail.adi                    2027-03-31  ADI tags are not checked before firmware 4.2 (ACME-1234)
            scenario\tfeatures/xmemout/limits.feature:41\t2027-01-15\tcount 0 returns XMEM_FAIL;   fix under review
            """;

    @Test
    void entriesAreReadWithTheirLinesTargetsDatesAndReasons() {
        Expectations e = Expectations.parse(GOOD, "acme.expectations", "h");
        assertEquals(2, e.entries().size());
        Expectations.Entry a = e.entries().get(0);
        assertEquals(3, a.line());
        assertEquals(new Expectations.Target.Clause("copyout.fail.adi"), a.target());
        assertEquals(LocalDate.of(2027, 3, 31), a.expires());
        assertEquals("ADI tags are not checked before firmware 4.2 (ACME-1234)", a.reason());
        Expectations.Entry b = e.entries().get(1);
        assertEquals(
                new Expectations.Target.Scenario("features/xmemout/limits.feature:41"), b.target());
        assertEquals(
                "count 0 returns XMEM_FAIL;   fix under review",
                b.reason(),
                "the reason is the rest of the line, as written");
        assertEquals("acme.expectations:4", b.where());
    }

    @Test
    void anEntryHoldsThroughItsExpiryDay() {
        Expectations.Entry a = Expectations.parse(GOOD, "f", "h").entries().getFirst();
        assertTrue(a.activeOn(LocalDate.of(2027, 3, 31)));
        assertTrue(!a.activeOn(LocalDate.of(2027, 4, 1)));
    }

    @Test
    void theClausesInForceAreTheClauseEntriesNotExpired() {
        Expectations e =
                Expectations.parse(
                        GOOD + "clause xmemout.fail.segment-deleted 2026-01-01 expired\n",
                        "f",
                        "h");
        assertEquals(
                java.util.Set.of("copyout.fail.adi"),
                e.clausesInForce(LocalDate.of(2026, 12, 5)),
                "a scenario entry names no clause, and an expired entry is not in force");
        assertEquals(
                java.util.Set.of("copyout.fail.adi", "xmemout.fail.segment-deleted"),
                e.clausesInForce(LocalDate.of(2025, 12, 31)));
        assertEquals(java.util.Set.of(), e.clausesInForce(LocalDate.of(2027, 4, 1)));
    }

    static String problem(String line) {
        return assertThrows(
                        InputFileException.class,
                        () ->
                                Expectations.parse(
                                        "# header\n" + line + "\n", "my.expectations", "h"))
                .getMessage();
    }

    @Test
    void everyMalformedLineIsNamedWithFileLineAndReason() {
        assertEquals(
                "my.expectations:2: expected four fields: kind (clause or scenario), clause or scenario id, expiry date (YYYY-MM-DD)"
                        + " and a reason; found 3",
                problem("clause copyout.succ 2027-01-01"));
        assertTrue(
                problem("test copyout.succ 2027-01-01 why")
                        .startsWith("my.expectations:2: unknown kind \"test\""));
        assertTrue(
                problem("clause copyout.nope 2027-01-01 why")
                        .startsWith("my.expectations:2: unknown clause id \"copyout.nope\""));
        assertTrue(
                problem("scenario copyout/adi.feature 2027-01-01 why")
                        .contains("features/copyout/adi.feature:23"));
        assertTrue(
                problem("clause copyout.succ 1/2/2027 why")
                        .startsWith(
                                "my.expectations:2: the expiry date must be written YYYY-MM-DD"));
        assertTrue(
                problem("clause copyout.succ 2027-02-30 why")
                        .startsWith(
                                "my.expectations:2: \"2027-02-30\" is not a date of the calendar"));
        assertEquals(
                "my.expectations:3: clause copyout.succ is already listed on line 2; list each target once",
                problem(
                        "clause copyout.succ 2027-01-01 why\nclause copyout.succ 2028-01-01 again"));
    }

    @Test
    void theFileIsHashedAsItsBytesAndAnUnreadableOneIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("acme.expectations");
        Files.writeString(f, GOOD, StandardCharsets.UTF_8);
        Expectations e = Expectations.read(f);
        assertEquals(Sha256.of(Files.readAllBytes(f)), e.sha256());
        assertEquals(64, e.sha256().length());
        InputFileException missing =
                assertThrows(
                        InputFileException.class, () -> Expectations.read(dir.resolve("none")));
        assertTrue(
                missing.getMessage()
                        .startsWith(dir.resolve("none") + ": cannot read the expectations file"),
                missing.getMessage());
        Files.write(f, new byte[] {'c', (byte) 0xff, '\n'});
        assertTrue(
                assertThrows(InputFileException.class, () -> Expectations.read(f))
                        .getMessage()
                        .endsWith(": not UTF-8 text"));
    }
}
