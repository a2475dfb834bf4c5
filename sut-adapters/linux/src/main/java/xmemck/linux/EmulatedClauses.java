package xmemck.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clauses whose answers this adapter's own code decides, not the host kernel ({@link
 * xmemck.spi.Sut#emulatedClauses()}): a PASS on them says nothing about Linux. Every other clause
 * the adapter answers is decided by a system call (see this module's README, "Who decides").
 */
final class EmulatedClauses {
    private EmulatedClauses() {}

    private static final String E = "emulated by the adapter: ";

    static final Map<String, String> CLAUSES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "xmemout.segment-crossing",
                E
                        + "AIX's 256 MiB segments mean nothing to Linux; the region is an ordinary one,"
                        + " so no boundary is crossed (the move itself is process_vm_writev)");
        m.put(
                "xmemout.fail.segment-deleted",
                E
                        + "segment deletion is the adapter unmapping the object pages; the answer to"
                        + " the move into them is process_vm_writev's");
        m.put(
                "xmemout.fail.descriptor",
                E
                        + "Linux has no cross-memory descriptor; the adapter's bookkeeping answers"
                        + " XMEM_FAIL with no system call");
        m.put(
                "xmattach.succ",
                E
                        + "Linux has no cross-memory descriptor; xmattach is the adapter's"
                        + " bookkeeping, no system call");
        m.put(
                "xmattach.fail.count",
                E + "the count check is the adapter's bookkeeping, no system call");
        m.put(
                "xmattach.fail.in-use",
                E + "the in-use check is the adapter's bookkeeping, no system call");
        m.put(
                "xmdetach.succ",
                E + "xmdetach is the adapter forgetting the descriptor, no system call");
        m.put(
                "xmdetach.fail.invalid",
                E + "the not-attached check is the adapter's bookkeeping, no system call");
        m.put(
                "vm_mvc.einval.boundary",
                E
                        + "Linux has no vm_mvc; the page-boundary check copies the documented rule,"
                        + " made before any system call");
        m.put(
                "vm_mvc.einval.cmd",
                E
                        + "Linux has no vm_mvc; the command check copies the documented rule, made"
                        + " before any system call");
        m.put(
                "vm_mvc.enoent",
                E
                        + "mincore(2) says whether the page is in the page cache (the frame was taken"
                        + " by the adapter's hole punching); the adapter then answers ENOENT without"
                        + " a copy");
        m.put(
                "vm_mvc.count.nonpositive",
                E + "a count of 0 or less is answered 0 by the adapter, no system call");
        m.put(
                "copyout.ioctl-efault",
                E
                        + "the model driver is the adapter's code (EFAULT when copyout fails); the"
                        + " copy itself is the kernel's pread");
        CLAUSES = Collections.unmodifiableMap(m);
    }
}
