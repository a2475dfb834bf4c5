#include "faults.h"

#include <string.h>

enum fault active_fault = F_NONE;

const struct fault_info FAULTS[F_COUNT] = {
    [F_NONE] = {"none", "-", "no seeded fault: the conforming implementation"},
    [F_VM_MVC_BOUNDARY_OFF_BY_ONE] = {"vm_mvc_boundary_off_by_one", "vm_mvc.einval.boundary",
        "vm_mvc's page-boundary check is off by one: a range that crosses the boundary by one byte is accepted"},
    [F_COPYOUT_NO_WRITE_CHECK] = {"copyout_no_write_check", "copyout.fail.paging-fault",
        "copyout does not check write permission and stores into read-only pages"},
    [F_XMEMOUT_NO_AUTHORITY_CHECK] = {"xmemout_no_authority_check", "xmemout.fail.authority",
        "xmemout does not check access authority and stores into read-only pages"},
    [F_XMDETACH_STALE_DESCRIPTOR] = {"xmdetach_stale_descriptor", "xmemout.fail.descriptor",
        "xmemout does not check aspace_id, so a detached descriptor is still accepted"},
    [F_XMEMOUT_INTERRUPT_PAGEIN] = {"xmemout_interrupt_pagein", "xmemout.fail.interrupt-not-resident",
        "xmemout pages a paged-out buffer in even at interrupt level instead of failing"},
    [F_XMEMOUT_ONE_BYTE_PAST_END] = {"xmemout_one_byte_past_end", "inv.no-write-outside",
        "xmemout's copy loop runs one byte too far and writes the byte after the destination"},
    [F_COPYOUT_RETURNS_EFAULT] = {"copyout_returns_efault", "copyout.fail.invalid-address",
        "copyout returns the error code EFAULT (14) instead of -1 when it fails"},
    [F_VM_MVC_READ_WRITE_SWAPPED] = {"vm_mvc_read_write_swapped", "vm_mvc.read",
        "vm_mvc copies in the wrong direction: VM_MVC_READ and VM_MVC_WRITE are swapped"},
    [F_PROTZERO_NO_PROTECT] = {"protzero_no_protect", "vm_mvc.protzero",
        "VM_MVC_PROTZERO zeroes the bytes but leaves the file page writable"},
    [F_COPYOUT_DROPS_UNALIGNED_TAIL] = {"copyout_drops_unaligned_tail", "copyout.succ",
        "copyout moves whole 8-byte words only and silently drops the last cn % 8 bytes"},
    [F_XMEMOUT_STALE_BUFFER_LEAK] = {"xmemout_stale_buffer_leak", "inv.no-foreign-data",
        "xmemout fills its bounce buffer from one source page only, so where the source crosses a page boundary the rest of the chunk is stale data"},
    [F_XMATTACH_ACCEPTS_ZERO_COUNT] = {"xmattach_accepts_zero_count", "xmattach.fail.count",
        "xmattach accepts count == 0 (it checks count < 0 only)"},
    [F_COPYOUT_USER_BLOCK_UNCHECKED] = {"copyout_user_block_unchecked", "copyout.fail.user-block",
        "copyout lets a copy reach the process's user block"},
    [F_XMEMOUT_IGNORES_DELETED_SEGMENT] = {"xmemout_ignores_deleted_segment", "xmemout.fail.segment-deleted",
        "xmemout copies into a segment that has been deleted"},
    [F_COPYOUT_IGNORES_ADI] = {"copyout_ignores_adi", "copyout.fail.adi",
        "copyout does not compare ADI versions and stores through a mismatched pointer"},
    [F_IOCTL_RETURNS_MINUS_ONE] = {"ioctl_returns_minus_one", "copyout.ioctl-efault",
        "the model driver's XX_GETREGS returns copyout's -1 instead of EFAULT"},
    [F_COPYOUT_WRITES_READONLY_PAGE] = {"copyout_writes_readonly_page", "inv.failure-effect",
        "copyout checks write permission after the store: it writes a read-only page's bytes and then returns -1"},
    [F_COPYOUT_IGNORES_ADI_VERSION_3] = {"copyout_ignores_adi_version_3", "copyout.fail.adi",
        "copyout ignores an ADI mismatch on a line whose memory version is 3 (other versions still fault)"},
    [F_PROTZERO_PARTIAL_PAGE_UNPROTECTED] = {"protzero_partial_page_unprotected", "vm_mvc.protzero",
        "VM_MVC_PROTZERO leaves the file page writable when count is less than a whole page"},
};

enum fault fault_by_name(const char *name) {
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(FAULTS[f].name, name) == 0) return (enum fault)f;
    return F_COUNT;
}
