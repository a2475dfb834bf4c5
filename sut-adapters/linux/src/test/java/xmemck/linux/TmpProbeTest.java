package xmemck.linux;

import static xmemck.linux.Scenarios.*;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.*;
import xmemck.spi.SutOptions;

class TmpProbeTest {
    @Test void probe() throws Exception {
        try (var sut = new LinuxProvider().open(SutOptions.none())) {
            var s = run(sut, List.of(process("p"), kernelRegion("k", 20, 1), userRegion("u", "p", 20, 2),
                new Setup.SetPageState("u", 5, 1, PageState.PAGING_IO_ERROR),
                new Call.Xmattach(P, at("u", 0), 20 * 4096, "dp", Call.USER_ADSPACE),
                new Call.Xmemout(KPROC, at("k", 0), at("u", 4 * 4096), 8192, "dp")));
            System.out.println("CALL-WITH-DIGESTS: " + s.verdict() + "\n" + explain(s));
            s = run(sut, List.of(process("p"), userRegion("u", "p", 20, 2),
                new Setup.SetPageState("u", 5, 1, PageState.PAGING_IO_ERROR), Observe.Digest.whole("u", 20 * 4096)));
            System.out.println("OBSERVE-DIGEST: " + s.verdict() + "\n" + explain(s));
            s = run(sut, List.of(process("p"), userRegion("u", "p", 20, 2),
                new Setup.SetPageState("u", 5, 1, PageState.PAGING_IO_ERROR), Observe.Bytes.whole("u", 20 * 4096)));
            System.out.println("OBSERVE-BYTES: " + s.verdict() + "\n" + explain(s));
            s = run(sut, List.of(process("p"), userRegion("u", "p", 20, 2),
                new Setup.DeleteSegment("u"), Observe.Digest.whole("u", 20 * 4096)));
            System.out.println("OBSERVE-DIGEST-DELETED: " + s.verdict() + "\n" + explain(s));
            s = run(sut, List.of(process("p"), userRegion("u", "p", 2, 2), new Setup.CreateFileSegment("f", 20, 3), new Setup.SetFrame("f", 3, false),
                Observe.Digest.whole("f", 20 * 4096)));
            System.out.println("OBSERVE-DIGEST-FRAME: " + s.verdict() + "\n" + explain(s));
            s = run(sut, List.of(process("p"), new Setup.MapRegionAcrossSegments("u", "p", 4, Prot.READ_WRITE, 2, 2), kernelRegion("k", 4, 1),
                new Call.Xmattach(P, at("u", 0), 4 * 4096, "dp", Call.USER_ADSPACE),
                new Call.Xmemout(KPROC, at("k", 0), at("u", 4096), 8192, "dp"),
                new Call.Copyout(P, at("k", 0), at("u", 100), 3 * 4096)));
            System.out.println("ACROSS: " + s.verdict() + "\n" + explain(s));
        }
    }
}
