/*
 * Seeded faults: realistic defects that can be switched on one at a time (--fault NAME), so that the kit can show
 * that it catches each one, and on which clause. The table in faults.c is the machine-readable list
 * (--list-faults prints it: name, clause id, description, tab-separated).
 */
#ifndef XMEMCK_FAULTS_H
#define XMEMCK_FAULTS_H

enum fault {
    F_NONE,
    F_VM_MVC_BOUNDARY_OFF_BY_ONE,
    F_COPYOUT_NO_WRITE_CHECK,
    F_XMEMOUT_NO_AUTHORITY_CHECK,
    F_XMDETACH_STALE_DESCRIPTOR,
    F_XMEMOUT_INTERRUPT_PAGEIN,
    F_XMEMOUT_ONE_BYTE_PAST_END,
    F_COPYOUT_RETURNS_EFAULT,
    F_VM_MVC_READ_WRITE_SWAPPED,
    F_PROTZERO_NO_PROTECT,
    F_COPYOUT_DROPS_UNALIGNED_TAIL,
    F_XMEMOUT_STALE_BUFFER_LEAK,
    F_XMATTACH_ACCEPTS_ZERO_COUNT,
    F_COPYOUT_USER_BLOCK_UNCHECKED,
    F_XMEMOUT_IGNORES_DELETED_SEGMENT,
    F_COPYOUT_IGNORES_ADI,
    F_IOCTL_RETURNS_MINUS_ONE,
    F_COPYOUT_WRITES_READONLY_PAGE,
    F_COPYOUT_IGNORES_ADI_VERSION_3,
    F_PROTZERO_PARTIAL_PAGE_UNPROTECTED,
    F_COUNT
};

struct fault_info {
    const char *name;
    const char *clause; /* the clause id the kit must report when it catches the fault */
    const char *description;
};

extern const struct fault_info FAULTS[F_COUNT];
extern enum fault active_fault;

#define FAULT(f) (active_fault == (f))

/* The fault with this name, or F_COUNT when there is none. */
enum fault fault_by_name(const char *name);

#endif
