package xmemck.fuzz;

import java.util.function.UnaryOperator;
import xmemck.ops.Call;
import xmemck.ops.Op;

/** The addresses an operation passes to a service, and the operation with each of them replaced. */
final class OpAddresses {
    private OpAddresses() {}

    /**
     * {@code op} with every address argument replaced by {@code f} of it; operations without
     * addresses are answered as they are.
     */
    static Op map(Op op, UnaryOperator<xmemck.ops.Addr> f) {
        return switch (op) {
            case Call.Xmattach x ->
                    new Call.Xmattach(
                            x.context(), f.apply(x.addr()), x.count(), x.dp(), x.segflag());
            case Call.Xmemout x ->
                    new Call.Xmemout(
                            x.context(), f.apply(x.kaddr()), f.apply(x.uaddr()), x.count(), x.dp());
            case Call.VmMvc v ->
                    new Call.VmMvc(
                            v.context(),
                            v.sid(),
                            v.pno(),
                            v.pgoffs(),
                            v.count(),
                            v.cmd(),
                            v.dp(),
                            f.apply(v.ptr()));
            case Call.Copyout x ->
                    new Call.Copyout(
                            x.context(), f.apply(x.driverbuf()), f.apply(x.userbuf()), x.cn());
            case Call.DdiCopyout x ->
                    new Call.DdiCopyout(
                            x.context(),
                            f.apply(x.driverbuf()),
                            f.apply(x.buf()),
                            x.cn(),
                            x.flags());
            case Call.XxIoctl x ->
                    new Call.XxIoctl(x.context(), f.apply(x.regs()), x.cmd(), f.apply(x.arg()));
            default -> op;
        };
    }
}
