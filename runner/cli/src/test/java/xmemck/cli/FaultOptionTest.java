package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fault} (ck run and ck fuzz alike): only the process adapter has seeded faults, and only
 * with an implementation that lists them with --list-faults. Anything else is a usage error naming
 * the adapter, never a run that silently leaves the fault out.
 */
class FaultOptionTest {

    @TempDir Path dir;

    Path script(String name, String body) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aFaultWithAnAdapterWithoutSeededFaultsIsAUsageErrorNamingTheAdapter() throws IOException {
        Path features = Cli.features(dir);
        for (String command : List.of("run", "fuzz")) {
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    command,
                                    "--adapter",
                                    "reference",
                                    "--fault",
                                    "copyout_no_write_check",
                                    "--report-dir",
                                    dir.resolve("r").toString()));
            if (command.equals("run")) args.addAll(List.of("--features", features.toString()));
            else args.addAll(List.of("--tries", "1"));
            Cli.Ran r = ck(args.toArray(String[]::new));
            assertEquals(Ck.USAGE, r.status(), command + ": " + r.all());
            assertTrue(
                    r.err().contains("reference adapter")
                            && r.err().contains("no seeded faults")
                            && r.err().contains("process"),
                    command + ": " + r.err());
            assertTrue(
                    Files.notExists(dir.resolve("r/reference/results.json"))
                            && Files.notExists(dir.resolve("r/fuzz")),
                    "nothing ran");
        }
    }

    @Test
    void everyAdapterWithoutSeededFaultsIsNamed() {
        CliProblem p =
                assertThrows(
                        CliProblem.class,
                        () ->
                                AdapterChoice.resolve(
                                        List.of("reference", "process", "linux"),
                                        "./impl",
                                        "f",
                                        new ArrayList<>()));
        assertEquals(Ck.USAGE, p.status());
        assertTrue(
                p.getMessage().contains("reference") && p.getMessage().contains("linux"),
                p.getMessage());
    }

    @Test
    void theProcessAdaptersImplementationMustListTheFault() throws IOException {
        Path lists =
                script(
                        "lists",
                        "[ \"$1\" = --list-faults ] || exit 9\nprintf 'off_by_one\\tcopyout.succ\\tcopies one byte too few\\n'\n");
        List<AdapterChoice> chosen =
                AdapterChoice.resolve(
                        List.of("process"), lists.toString(), "off_by_one", new ArrayList<>());
        assertEquals(
                "off_by_one",
                chosen.getFirst().fault(),
                "a fault the implementation lists is accepted");

        CliProblem unknown =
                assertThrows(
                        CliProblem.class,
                        () ->
                                AdapterChoice.resolve(
                                        List.of("process"),
                                        lists.toString(),
                                        "nope",
                                        new ArrayList<>()));
        assertEquals(Ck.USAGE, unknown.status());
        assertTrue(
                unknown.getMessage().contains("nope")
                        && unknown.getMessage().contains("off_by_one"),
                "the faults it has: " + unknown.getMessage());

        Path silent = script("silent", "echo 'unknown option' >&2\nexit 4\n");
        Cli.Ran r =
                ck(
                        "fuzz",
                        "--adapter",
                        "process",
                        "--sut",
                        silent.toString(),
                        "--fault",
                        "off_by_one",
                        "--tries",
                        "1",
                        "--report-dir",
                        dir.resolve("r").toString());
        assertEquals(Ck.USAGE, r.status(), r.all());
        assertTrue(
                r.err().contains("process adapter") && r.err().contains("no seeded faults"),
                r.err());

        CliProblem blank =
                assertThrows(
                        CliProblem.class,
                        () ->
                                AdapterChoice.resolve(
                                        List.of("process"),
                                        lists.toString(),
                                        " ",
                                        new ArrayList<>()));
        assertEquals(Ck.USAGE, blank.status());
    }
}
