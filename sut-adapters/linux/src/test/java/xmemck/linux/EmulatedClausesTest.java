package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import xmemck.oracle.Catalogue;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * The clauses the adapter's own code decides (the vm_mvc checks, the cross-memory descriptors,
 * segment deletion, the model driver) are declared as such, each with its reason, and name clauses
 * of the catalogue.
 */
class EmulatedClausesTest {
    @Test
    void everyDeclaredClauseIsCataloguedAndHasAReason() {
        for (var e : EmulatedClauses.CLAUSES.entrySet()) {
            assertTrue(Catalogue.contains(e.getKey()), "not in the catalogue: " + e.getKey());
            assertTrue(
                    e.getValue().startsWith("emulated by the adapter: ")
                            && e.getValue().length() > 40,
                    e.getKey() + ": " + e.getValue());
        }
    }

    @Test
    void theAdapterDeclaresTheClausesItsOwnCodeDecides() {
        try (Sut sut = new LinuxProvider().open(SutOptions.none())) {
            assertEquals(
                    Set.of(
                            "xmemout.segment-crossing",
                            "xmemout.fail.segment-deleted",
                            "xmemout.fail.descriptor",
                            "xmattach.succ",
                            "xmattach.fail.count",
                            "xmattach.fail.in-use",
                            "xmdetach.succ",
                            "xmdetach.fail.invalid",
                            "vm_mvc.einval.boundary",
                            "vm_mvc.einval.cmd",
                            "vm_mvc.enoent",
                            "vm_mvc.count.nonpositive",
                            "copyout.ioctl-efault"),
                    sut.emulatedClauses().keySet());
        } catch (xmemck.spi.SutFailure f) {
            throw new AssertionError(f);
        }
    }

    @Test
    void whatTheKernelDecidesIsNotDeclared() {
        for (String kernel :
                Set.of(
                        "copyout.succ",
                        "copyout.fail.paging-fault",
                        "xmemout.succ",
                        "xmemout.fail.authority",
                        "xmemout.fail.range",
                        "vm_mvc.read",
                        "vm_mvc.write"))
            assertTrue(!EmulatedClauses.CLAUSES.containsKey(kernel), kernel);
    }
}
