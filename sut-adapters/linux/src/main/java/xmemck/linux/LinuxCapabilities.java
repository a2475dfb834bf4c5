package xmemck.linux;

import java.util.EnumMap;
import java.util.Map;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/** What the Linux adapter can and cannot create, each lack with its reason. */
final class LinuxCapabilities {
    static final String NO_INTERRUPT =
            "Linux gives a user-space program no way to run code at interrupt level; every call the adapter makes is a system call from a process";
    static final String NO_HARDWARE_ERROR =
            "an uncorrectable memory error can only be simulated with madvise(MADV_HWPOISON), which needs CAP_SYS_ADMIN and permanently takes physical pages away from the host; the adapter does not do that";
    static final String NO_ADI =
            "ADI version tags exist only on SPARC M7 and later; x86_64 has no per-line memory versions";
    static final String NO_USER_BLOCK =
            "Linux keeps no user block (u-area) in a process's address space, so there is no address that a copy to user space must avoid for that reason";
    static final String NO_USER_BLOCK_NEIGHBOUR =
            "Linux keeps no user block (u-area) in a process's address space, so no region can end where one begins";
    static final String NO_DAMAGED_LINES =
            "user space cannot put an uncorrectable memory error in chosen 64-byte lines: Linux can only poison whole pages, with madvise(MADV_HWPOISON), which needs CAP_SYS_ADMIN and permanently takes physical pages away from the host";

    private LinuxCapabilities() {}

    /** {@code whyNoPaging}: null when paged-out pages can be made, else the reason. */
    static Capabilities of(String whyNoPaging) {
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        missing.put(Capability.INTERRUPT_CONTEXT, NO_INTERRUPT);
        missing.put(Capability.HARDWARE_ERROR, NO_HARDWARE_ERROR);
        missing.put(Capability.ADI, NO_ADI);
        missing.put(Capability.USER_BLOCK, NO_USER_BLOCK);
        missing.put(Capability.USER_BLOCK_NEIGHBOUR, NO_USER_BLOCK_NEIGHBOUR);
        missing.put(Capability.DAMAGED_LINES, NO_DAMAGED_LINES);
        if (whyNoPaging != null) missing.put(Capability.PAGED_OUT_PAGES, whyNoPaging);
        return Capabilities.allBut(missing);
    }
}
