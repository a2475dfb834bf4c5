package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.oracle.Catalogue;

/** ck list adapters, clauses and faults. */
class ListTest {

    @Test
    void adaptersAreListedWithTheirDescriptions() {
        Cli.Ran r = ck("list", "adapters");
        assertEquals(0, r.status());
        assertTrue(
                r.out().contains("reference  ") && r.out().contains("the reference oracle"),
                r.out());
        assertTrue(r.out().contains("process") && r.out().contains("linux"), r.out());
    }

    @Test
    void clausesAreListedWithKindSummaryAndSource() {
        Cli.Ran r = ck("list", "clauses");
        assertEquals(0, r.status());
        for (var c : Catalogue.all()) assertTrue(r.out().contains("  " + c.id() + " "), c.id());
        assertTrue(
                r.out().contains("copyout.fail.adi")
                        && r.out().contains("error condition")
                        && r.out()
                                .contains(
                                        "source: copyout(9F), RETURN VALUES <https://docs.oracle.com/"),
                r.out());
        Cli.Ran one = ck("list", "clauses", "--service", "vm_mvc");
        assertTrue(
                one.out().contains("vm_mvc.enoent") && !one.out().contains("copyout.succ"),
                one.out());
        Cli.Ran none = ck("list", "clauses", "--service", "memcpy");
        assertEquals(2, none.status());
        assertTrue(
                none.err().contains("no clause of service \"memcpy\"; the services are: "),
                none.err());
        assertEquals(Catalogue.tsv(), ck("list", "clauses", "--tsv").out());
    }

    @Test
    void faultsComeFromTheImplementationsListFaults(@TempDir Path dir) throws IOException {
        Path impl = dir.resolve("impl");
        Files.writeString(
                impl,
                "#!/bin/sh\n[ \"$1\" = --list-faults ] || exit 9\nprintf 'off_by_one\\tcopyout.succ\\tcopies one byte too few\\n'\n");
        Files.setPosixFilePermissions(impl, PosixFilePermissions.fromString("rwx------"));
        Cli.Ran r = ck("list", "faults", "--sut", impl.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("off_by_one  copyout.succ  copies one byte too few"), r.out());

        Path broken = dir.resolve("broken");
        Files.writeString(broken, "#!/bin/sh\necho 'no such option' >&2\nexit 4\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
        Cli.Ran b = ck("list", "faults", "--sut", broken.toString());
        assertEquals(3, b.status());
        assertTrue(b.err().contains("exited with status 4: no such option"), b.err());
    }
}
