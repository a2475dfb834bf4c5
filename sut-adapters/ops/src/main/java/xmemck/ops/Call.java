package xmemck.ops;

/**
 * A call of one kernel service, from an execution context. Return values are plain integers, as in
 * C.
 *
 * <p>Counts keep the C types of the synopses: {@code int} for xmattach, xmemout and vm_mvc (a
 * negative count can be written, and the constructors refuse values outside the 32-bit range),
 * {@code size_t} for copyout and ddi_copyout (the {@code long} holds the unsigned 64-bit value, so
 * {@code -1L} is 18446744073709551615; compare with {@link Long#compareUnsigned}).
 */
public sealed interface Call extends Op {

    Context context();

    /** The service's name as its manual page spells it. */
    String service();

    // ---- Constants (the values of the vendors' headers) ----
    int XMEM_SUCC = 0;
    int XMEM_FAIL = -1;
    int USER_ADSPACE = 0;
    int SYS_ADSPACE = 1;
    int USERI_ADSPACE = 2;
    int VM_MVC_ZERO = 1;
    int VM_MVC_READ = 2;
    int VM_MVC_WRITE = 3;
    int VM_MVC_PROTZERO = 4;
    int ENOENT = 2;
    int EFAULT = 14;
    int EINVAL = 22;

    /** ddi_copyout flag: the destination is a kernel address. */
    int FKIOCTL = 0x80000000;

    /** The model driver's ioctl command that copies its device registers out. */
    int XX_GETREGS = 1;

    /** {@code sizeof(struct device)} in the copyout(9F) example: int, int, short, short. */
    int DEVICE_REGS_SIZE = 12;

    /**
     * {@code xmattach(addr, count, dp, segflag)}: prepare descriptor {@code dp} for cross-memory
     * moves.
     */
    record Xmattach(Context context, Addr addr, long count, String dp, int segflag)
            implements Call {
        public Xmattach {
            need(context);
            need(addr);
            Names.check("descriptor", dp);
            cInt("xmattach count", count);
        }

        public String service() {
            return "xmattach";
        }

        public String describe() {
            return "xmattach("
                    + addr.describe()
                    + ", "
                    + count
                    + ", "
                    + dp
                    + ", "
                    + segflagName(segflag)
                    + ") from "
                    + context.describe();
        }
    }

    /** {@code xmdetach(dp)}. */
    record Xmdetach(Context context, String dp) implements Call {
        public Xmdetach {
            need(context);
            Names.check("descriptor", dp);
        }

        public String service() {
            return "xmdetach";
        }

        public String describe() {
            return "xmdetach(" + dp + ") from " + context.describe();
        }
    }

    /**
     * {@code xmemout(kaddr, uaddr, count, dp)}: copy kernel global memory into the descriptor's
     * space.
     */
    record Xmemout(Context context, Addr kaddr, Addr uaddr, long count, String dp) implements Call {
        public Xmemout {
            need(context);
            need(kaddr);
            need(uaddr);
            Names.check("descriptor", dp);
            cInt("xmemout count", count);
        }

        public String service() {
            return "xmemout";
        }

        public String describe() {
            return "xmemout("
                    + kaddr.describe()
                    + ", "
                    + uaddr.describe()
                    + ", "
                    + count
                    + ", "
                    + dp
                    + ") from "
                    + context.describe();
        }
    }

    /**
     * {@code vm_mvc(sid, pno, pgoffs, count, cmd, xmemdp, ptr)}: m1 is file page (sid, pno) at byte
     * pgoffs; m2 is the buffer at {@code ptr} described by descriptor {@code dp}. {@code cmd} is a
     * plain integer so that invalid commands can be written.
     */
    record VmMvc(
            Context context,
            String sid,
            long pno,
            long pgoffs,
            long count,
            int cmd,
            String dp,
            Addr ptr)
            implements Call {
        public VmMvc {
            need(context);
            Names.check("segment", sid);
            Names.check("descriptor", dp);
            need(ptr);
            cInt("vm_mvc pgoffs", pgoffs);
            cInt("vm_mvc count", count);
        }

        public String service() {
            return "vm_mvc";
        }

        public String describe() {
            return "vm_mvc("
                    + sid
                    + ", "
                    + pno
                    + ", "
                    + pgoffs
                    + ", "
                    + count
                    + ", "
                    + cmdName(cmd)
                    + ", "
                    + dp
                    + ", "
                    + ptr.describe()
                    + ") from "
                    + context.describe();
        }
    }

    /** {@code copyout(driverbuf, userbuf, cn)}; {@code cn} is a {@code size_t}, unsigned. */
    record Copyout(Context context, Addr driverbuf, Addr userbuf, long cn) implements Call {
        public Copyout {
            need(context);
            need(driverbuf);
            need(userbuf);
        }

        public String service() {
            return "copyout";
        }

        public String describe() {
            return "copyout("
                    + driverbuf.describe()
                    + ", "
                    + userbuf.describe()
                    + ", "
                    + Long.toUnsignedString(cn)
                    + ") from "
                    + context.describe();
        }
    }

    /** {@code ddi_copyout(driverbuf, buf, cn, flags)}; {@code cn} is a {@code size_t}, unsigned. */
    record DdiCopyout(Context context, Addr driverbuf, Addr buf, long cn, int flags)
            implements Call {
        public DdiCopyout {
            need(context);
            need(driverbuf);
            need(buf);
        }

        public String service() {
            return "ddi_copyout";
        }

        public String describe() {
            return "ddi_copyout("
                    + driverbuf.describe()
                    + ", "
                    + buf.describe()
                    + ", "
                    + Long.toUnsignedString(cn)
                    + ", "
                    + ((flags & FKIOCTL) != 0 ? "FKIOCTL" : "0")
                    + ") from "
                    + context.describe();
        }
    }

    /**
     * The model driver's {@code xx_ioctl(dev, cmd, arg, ...)} from the copyout(9F) example: for
     * {@code XX_GETREGS} it copies the 12-byte register block at {@code regs} to {@code arg} with
     * copyout and returns {@code EFAULT} if copyout fails, else 0.
     */
    record XxIoctl(Context context, Addr regs, int cmd, Addr arg) implements Call {
        public XxIoctl {
            need(context);
            need(regs);
            need(arg);
        }

        public String service() {
            return "ioctl";
        }

        public String describe() {
            return "xx_ioctl("
                    + (cmd == XX_GETREGS ? "XX_GETREGS" : String.valueOf(cmd))
                    + ", "
                    + arg.describe()
                    + ", regs "
                    + regs.describe()
                    + ") from "
                    + context.describe();
        }
    }

    static String segflagName(int segflag) {
        return switch (segflag) {
            case USER_ADSPACE -> "USER_ADSPACE";
            case SYS_ADSPACE -> "SYS_ADSPACE";
            case USERI_ADSPACE -> "USERI_ADSPACE";
            default -> String.valueOf(segflag);
        };
    }

    static String cmdName(int cmd) {
        return switch (cmd) {
            case VM_MVC_ZERO -> "VM_MVC_ZERO";
            case VM_MVC_READ -> "VM_MVC_READ";
            case VM_MVC_WRITE -> "VM_MVC_WRITE";
            case VM_MVC_PROTZERO -> "VM_MVC_PROTZERO";
            default -> String.valueOf(cmd);
        };
    }

    /**
     * An {@code int} parameter of the C synopsis: the operation language refuses what C could not
     * pass.
     */
    private static void cInt(String what, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    what
                            + " is a C int ("
                            + Integer.MIN_VALUE
                            + ".."
                            + Integer.MAX_VALUE
                            + "), got "
                            + value);
        }
    }

    private static void need(Object o) {
        if (o == null) throw new IllegalArgumentException("a call needs its context and addresses");
    }
}
