/*
 * The services, each checking in the order its manual page lists the conditions. A copy goes page by page, so
 * a fault part-way leaves the pages before it written: the "prefix" the documentation allows (it promises
 * nothing about the destination after a failure). Seeded faults (faults.h) are marked FAULT(...) where the
 * defect lives.
 */
#include "services.h"

#include <string.h>

#include "faults.h"

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* Bytes from `at` to the end of its page, at most `n`. */
static int64_t chunk_of(int64_t at, int64_t n) {
    int64_t in = at - page_index(at) * PAGE_SIZE;
    return min64(PAGE_SIZE - in, n);
}

/*
 * Reads kernel global memory (the source of every copy here). At process level a paged-out page is brought in; at
 * interrupt level it cannot be. Returns 0, or -1 when the source cannot be read (a caller obligation broken).
 */
static int kread(world_t *w, const ctx_t *ctx, uint64_t ea, uint8_t *dst, int64_t n) {
    while (n > 0) {
        object_t *o;
        int64_t off;
        if (translate(w->kernel, ea, &o, &off) != T_OK) return -1;
        int64_t k = chunk_of(off, n);
        page_t *pg = page_of(o, page_index(off));
        if (!pg || !pg->mapped || pg->prot == P_NONE || o->deleted) return -1;
        if (pg->state == S_PAGING_IO_ERROR || pg->state == S_HARDWARE_ERROR) return -1;
        if (pg->state == S_PAGED_OUT) {
            if (ctx->kind == CTX_INTERRUPT) return -1;
            pg->state = S_RESIDENT;
        }
        obj_read(o, off, dst, k);
        dst += k;
        ea += (uint64_t)k;
        n -= k;
    }
    return 0;
}

/* ------------------------------------------------------------------ xmattach, xmdetach */

long xmattach(world_t *w, const ctx_t *ctx, uint64_t addr, int64_t count, const char *name, int segflag) {
    if (ctx->kind == CTX_INTERRUPT) return XMEM_FAIL; /* process environment only */
    if (FAULT(F_XMATTACH_ACCEPTS_ZERO_COUNT) ? count < 0 : count <= 0) return XMEM_FAIL;
    xmem_t *dp = xmem_get(w, name, 1);
    if (!dp || dp->aspace_valid) return XMEM_FAIL; /* aspace_id must be XMEM_INVAL on entry: in use */
    space_t *sp;
    if (segflag == SYS_ADSPACE) {
        sp = w->kernel;
    } else if (segflag == USER_ADSPACE || segflag == USERI_ADSPACE) {
        if (ctx->kind != CTX_PROCESS) return XMEM_FAIL; /* a kernel process has no user address space */
        sp = ctx->proc;
    } else {
        return XMEM_FAIL;
    }
    object_t *o;
    int64_t off;
    if (translate(sp, addr, &o, &off) != T_OK) return XMEM_FAIL;
    dp->aspace_valid = 1;
    dp->space = sp;
    dp->obj = o;
    return XMEM_SUCC;
}

long xmdetach(world_t *w, const ctx_t *ctx, const char *name) {
    (void)ctx; /* process or interrupt environment */
    xmem_t *dp = xmem_get(w, name, 0);
    if (!dp || !dp->aspace_valid) return XMEM_FAIL;
    dp->aspace_valid = 0; /* aspace_id = XMEM_INVAL; the rest of the structure keeps its old contents */
    return XMEM_SUCC;
}

/* ------------------------------------------------------------------ xmemout */

long xmemout(world_t *w, const ctx_t *ctx, uint64_t kaddr, uint64_t uaddr, int64_t count, const char *name) {
    static uint8_t bounce[PAGE_SIZE + 1];
    xmem_t *dp = xmem_get(w, name, 0);
    /* The cross-memory descriptor is not valid. */
    if (!dp || !dp->space || (!dp->aspace_valid && !FAULT(F_XMDETACH_STALE_DESCRIPTOR))) return XMEM_FAIL;
    /* The user buffer is located in an address range that is not valid (not the attached segment). */
    object_t *o;
    int64_t off;
    if (translate(dp->space, uaddr, &o, &off) != T_OK || o != dp->obj) return XMEM_FAIL;
    /* The segment containing the user buffer has been deleted. */
    if (o->deleted && !FAULT(F_XMEMOUT_IGNORES_DELETED_SEGMENT)) return XMEM_FAIL;
    if (count <= 0) return XMEM_SUCC;
    if ((uint64_t)count > SEG_SIZE) return XMEM_FAIL; /* more than one segment */

    int64_t n = count + (FAULT(F_XMEMOUT_ONE_BYTE_PAST_END) ? 1 : 0);
    for (int64_t done = 0; done < n;) {
        int64_t at = off + done;
        int64_t k = chunk_of(at, n - done);
        page_t *pg = page_of(o, page_index(at));
        if (!pg || !pg->mapped) return XMEM_FAIL; /* a hole: address range not valid */
        /* The user does not have the appropriate access authority. */
        if (pg->prot != P_RW && !FAULT(F_XMEMOUT_NO_AUTHORITY_CHECK)) return XMEM_FAIL;
        /* A paging I/O error; a hardware error is treated the same way. */
        if (pg->state == S_PAGING_IO_ERROR || pg->state == S_HARDWARE_ERROR) return XMEM_FAIL;
        if (pg->state == S_PAGED_OUT) {
            /* Not in memory: at interrupt level it cannot be brought in. */
            if (ctx->kind == CTX_INTERRUPT && !FAULT(F_XMEMOUT_INTERRUPT_PAGEIN)) return XMEM_FAIL;
            pg->state = S_RESIDENT;
        }
        /* The source goes through a bounce buffer (kernel global memory may be paged). */
        int64_t fresh = k;
        if (FAULT(F_XMEMOUT_STALE_BUFFER_LEAK)) {
            /* The defect: the bounce buffer is filled from one source page only; when the source crosses a page
             * boundary inside this chunk, the rest of the chunk is whatever an earlier chunk left there. */
            int64_t to_page_end = PAGE_SIZE - (int64_t)(((kaddr + (uint64_t)done) & EA_MASK) % PAGE_SIZE);
            if (fresh > to_page_end) fresh = to_page_end;
        }
        if (kread(w, ctx, kaddr + (uint64_t)done, bounce, fresh) != 0) return XMEM_FAIL;
        obj_write(o, at, bounce, k);
        done += k;
    }
    return XMEM_SUCC;
}

/* ------------------------------------------------------------------ vm_mvc */

long vm_mvc(world_t *w, const ctx_t *ctx, object_t *m1, int64_t pno, int64_t pgoffs, int64_t count, int cmd,
            const char *name, uint64_t ptr) {
    if (ctx->kind == CTX_INTERRUPT) return K_EINVAL; /* process environment only */
    /* The cmd parameter does not hold a valid command. */
    if (cmd < VM_MVC_ZERO || cmd > VM_MVC_PROTZERO) return K_EINVAL;
    /* (sid, pno) is not associated with a real frame. */
    if (!m1 || !m1->is_file || pno < 0 || pno >= m1->pages || !page_of(m1, pno)->frame) return K_ENOENT;
    /* The m1 object crosses the page boundary. */
    int64_t limit = PAGE_SIZE + (FAULT(F_VM_MVC_BOUNDARY_OFF_BY_ONE) ? 1 : 0);
    if (pgoffs < 0 || pgoffs >= PAGE_SIZE || count > limit - pgoffs) return K_EINVAL;
    if (count <= 0) return 0;

    int64_t m1off = pno * PAGE_SIZE + pgoffs;
    if (cmd == VM_MVC_ZERO || cmd == VM_MVC_PROTZERO) {
        obj_zero(m1, m1off, count);
        if (cmd == VM_MVC_PROTZERO && !FAULT(F_PROTZERO_NO_PROTECT)) page_of(m1, pno)->prot = P_READ;
        return 0;
    }
    /* m2: the pinned buffer the descriptor describes (pinning it is the caller's obligation). */
    xmem_t *dp = xmem_get(w, name, 0);
    if (!dp || !dp->aspace_valid) return K_EINVAL;
    object_t *m2;
    int64_t off;
    if (translate(dp->space, ptr, &m2, &off) != T_OK) return K_EFAULT;
    uint8_t tmp[PAGE_SIZE + 1];
    int read = (cmd == VM_MVC_READ) != FAULT(F_VM_MVC_READ_WRITE_SWAPPED);
    if (read) {
        obj_read(m1, m1off, tmp, count); /* file page to buffer */
        obj_write(m2, off, tmp, count);
    } else {
        obj_read(m2, off, tmp, count); /* buffer to file page: the kernel's view ignores the page's protection */
        obj_write(m1, m1off, tmp, count);
    }
    return 0;
}

/* ------------------------------------------------------------------ copyout, ddi_copyout, the model ioctl */

static long copyout_body(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t userbuf, int64_t cn) {
    if (ctx->kind != CTX_PROCESS) return -1; /* user context only */
    if (cn <= 0) return 0;
    object_t *o;
    int64_t off;
    enum tr t = translate(ctx->proc, userbuf, &o, &off);
    if (t == T_UBLOCK && FAULT(F_COPYOUT_USER_BLOCK_UNCHECKED)) {
        int64_t at = (int64_t)((userbuf & EA_MASK) - ((uint64_t)UBLOCK_SEG << SEG_SHIFT));
        if (at < PAGE_SIZE) {
            uint8_t tmp[PAGE_SIZE];
            int64_t k = min64(cn, PAGE_SIZE - at);
            if (kread(w, ctx, driverbuf, tmp, k) != 0) return -1;
            memcpy(ctx->proc->ublock + at, tmp, (size_t)k);
        }
        return 0;
    }
    /* Invalid user address, or one that would copy into the user block. */
    if (t != T_OK) return -1;
    unsigned version = (unsigned)(userbuf >> ADI_SHIFT) & 0xF;
    int64_t n = FAULT(F_COPYOUT_DROPS_UNALIGNED_TAIL) ? cn & ~(int64_t)7 : cn;
    uint8_t tmp[PAGE_SIZE];
    for (int64_t done = 0; done < n;) {
        int64_t at = off + done;
        int64_t k = chunk_of(at, n - done);
        page_t *pg = page_of(o, page_index(at));
        if (!pg || !pg->mapped || o->deleted) return -1; /* invalid user address */
        /* Paging fault: no write access to the page. */
        if (pg->prot != P_RW && !FAULT(F_COPYOUT_NO_WRITE_CHECK)) return -1;
        /* Hardware fault (an uncorrectable ECC or parity error; a failed page-in is one too). */
        if (pg->state == S_HARDWARE_ERROR || pg->state == S_PAGING_IO_ERROR) return -1;
        /* ADI version mismatch: stores stop at the first 64-byte line whose version differs from the pointer's. */
        int64_t stop = at + k;
        int adi_fault = 0;
        if (o->adi && !FAULT(F_COPYOUT_IGNORES_ADI) && at >= 0 && at < o->pages * PAGE_SIZE) {
            for (int64_t line = at / ADI_LINE; line * ADI_LINE < at + k; line++) {
                if (o->adi[line] != version) {
                    stop = line * ADI_LINE > at ? line * ADI_LINE : at;
                    adi_fault = 1;
                    break;
                }
            }
        }
        /* User context: a paged-out page is brought in when the copy stores into it. */
        if (pg->state == S_PAGED_OUT && stop > at) pg->state = S_RESIDENT;
        if (kread(w, ctx, driverbuf + (uint64_t)done, tmp, stop - at) != 0) return -1;
        obj_write(o, at, tmp, stop - at);
        if (adi_fault) return -1;
        done += k;
    }
    return 0;
}

long copyout(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t userbuf, int64_t cn) {
    long r = copyout_body(w, ctx, driverbuf, userbuf, cn);
    if (r != 0 && FAULT(F_COPYOUT_RETURNS_EFAULT)) return K_EFAULT;
    return r;
}

long ddi_copyout(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t buf, int64_t cn, uint32_t flags) {
    if (!(flags & FKIOCTL)) return copyout(w, ctx, driverbuf, buf, cn);
    /* FKIOCTL: the destination is a kernel address; behave like bcopy(9F). */
    if (cn <= 0) return 0;
    uint8_t tmp[PAGE_SIZE];
    for (int64_t done = 0; done < cn;) {
        object_t *o;
        int64_t off;
        if (translate(w->kernel, buf + (uint64_t)done, &o, &off) != T_OK) return -1;
        int64_t k = chunk_of(off, cn - done);
        page_t *pg = page_of(o, page_index(off));
        if (!pg || !pg->mapped) return -1;
        if (kread(w, ctx, driverbuf + (uint64_t)done, tmp, k) != 0) return -1;
        obj_write(o, off, tmp, k);
        done += k;
    }
    return 0;
}

long xx_ioctl(world_t *w, const ctx_t *ctx, uint64_t regs, int cmd, uint64_t arg) {
    switch (cmd) {
        case XX_GETREGS: {
            long r = copyout(w, ctx, regs, arg, DEVICE_REGS_SIZE);
            if (r != 0) return FAULT(F_IOCTL_RETURNS_MINUS_ONE) ? r : K_EFAULT;
            return 0;
        }
        default:
            return K_EINVAL;
    }
}
