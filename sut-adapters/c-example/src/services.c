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
        if (pg->state == S_PAGING_IO_ERROR) return -1;
        if (first_damaged(o, off, k) < off + k) return -1; /* a load that touches a damaged line fails */
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
        /* The buffer page by page through the descriptor's address space (it may cross a segment boundary): a page
         * outside the attached object is an address range that is not valid. */
        object_t *po;
        int64_t at;
        if (translate(dp->space, uaddr + (uint64_t)done, &po, &at) != T_OK || po != o) return XMEM_FAIL;
        int64_t k = chunk_of(at, n - done);
        page_t *pg = page_of(o, page_index(at));
        if (!pg->mapped) return XMEM_FAIL; /* a hole: address range not valid */
        /* The user does not have the appropriate access authority. */
        if (pg->prot != P_RW && !FAULT(F_XMEMOUT_NO_AUTHORITY_CHECK)) return XMEM_FAIL;
        /* A paging I/O error. */
        if (pg->state == S_PAGING_IO_ERROR) return XMEM_FAIL;
        if (pg->state == S_PAGED_OUT) {
            /* Not in memory: at interrupt level it cannot be brought in. */
            if (ctx->kind == CTX_INTERRUPT && !FAULT(F_XMEMOUT_INTERRUPT_PAGEIN)) return XMEM_FAIL;
            pg->state = S_RESIDENT;
        }
        /* An uncorrectable error in a line of the buffer: the page lists no such cause, but the store into that line
         * fails on the hardware, so the move stores the bytes before the line and fails. */
        int64_t stop = first_damaged(o, at, k);
        /* The source goes through a bounce buffer (kernel global memory may be paged). */
        int64_t fresh = stop - at;
        if (FAULT(F_XMEMOUT_STALE_BUFFER_LEAK)) {
            /* The defect: the bounce buffer is filled from one source page only; when the source crosses a page
             * boundary inside this chunk, the rest of the chunk is whatever an earlier chunk left there. */
            int64_t to_page_end = PAGE_SIZE - (int64_t)(((kaddr + (uint64_t)done) & EA_MASK) % PAGE_SIZE);
            if (fresh > to_page_end) fresh = to_page_end;
        }
        if (kread(w, ctx, kaddr + (uint64_t)done, bounce, fresh) != 0) return XMEM_FAIL;
        obj_write(o, at, bounce, stop - at);
        if (stop < at + k) return XMEM_FAIL;
        done += k;
    }
    return XMEM_SUCC;
}

/* ------------------------------------------------------------------ vm_mvc */

/* Whether VM_MVC_PROTZERO protects the page after zeroing count bytes of it (always, unless a fault says no). */
static int protzero_protects(int64_t count) {
    if (FAULT(F_PROTZERO_NO_PROTECT)) return 0;
    return !(FAULT(F_PROTZERO_PARTIAL_PAGE_UNPROTECTED) && count < PAGE_SIZE);
}

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
        if (cmd == VM_MVC_PROTZERO && protzero_protects(count)) page_of(m1, pno)->prot = P_READ;
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

/*
 * Does a store through a pointer with ADI version `ptr` fault on a line whose memory version is `mem`? Memory
 * versions 0 and 15 are universal: they match every pointer version (the SPARC rule, adi(7)).
 */
static int adi_mismatch(unsigned mem, unsigned ptr) {
    if (mem == 0 || mem == 15 || mem == ptr) return 0;
    return !(FAULT(F_COPYOUT_IGNORES_ADI_VERSION_3) && mem == 3);
}

/*
 * Where copyout's stores into [at, at + k) (part of one page of o) must stop: the first 64-byte line with an
 * uncorrectable error (a hardware fault) or whose ADI version does not match the pointer's; at + k if none.
 */
static int64_t copyout_stop(const object_t *o, int64_t at, int64_t k, unsigned version) {
    int64_t stop = first_damaged(o, at, k);
    if (!o->adi || FAULT(F_COPYOUT_IGNORES_ADI) || at < 0 || at >= o->pages * PAGE_SIZE) return stop;
    for (int64_t line = at / LINE_SIZE; line * LINE_SIZE < stop; line++)
        if (adi_mismatch(o->adi[line], version)) return line * LINE_SIZE > at ? line * LINE_SIZE : at;
    return stop;
}

/*
 * The defect of F_COPYOUT_USER_BLOCK_UNCHECKED: stores into the user block as if it were user memory. Returns the
 * bytes stored, 0 past the user block's only page (the defect drops those bytes), or -1 when the source fails.
 */
static int64_t store_into_ublock(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t ea, int64_t n) {
    int64_t in = (int64_t)((ea & EA_MASK) - ((uint64_t)UBLOCK_SEG << SEG_SHIFT));
    if (in >= PAGE_SIZE) return 0;
    uint8_t tmp[PAGE_SIZE];
    int64_t k = min64(n, PAGE_SIZE - in);
    if (kread(w, ctx, driverbuf, tmp, k) != 0) return -1;
    memcpy(ctx->proc->ublock + in, tmp, (size_t)k);
    return k;
}

static long copyout_body(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t userbuf, uint64_t cn) {
    if (ctx->kind != CTX_PROCESS) return -1; /* user context only */
    if (cn == 0) return 0;
    unsigned version = (unsigned)(userbuf >> ADI_SHIFT) & 0xF;
    uint64_t n = FAULT(F_COPYOUT_DROPS_UNALIGNED_TAIL) ? cn & ~(uint64_t)7 : cn;
    uint8_t tmp[PAGE_SIZE];
    /* The user buffer page by page, through the calling process's address space. */
    for (uint64_t done = 0; done < n;) {
        int64_t left = (int64_t)(n - done < PAGE_SIZE ? n - done : PAGE_SIZE);
        object_t *o;
        int64_t at;
        enum tr t = translate(ctx->proc, userbuf + done, &o, &at);
        if (t == T_UBLOCK && FAULT(F_COPYOUT_USER_BLOCK_UNCHECKED)) {
            int64_t k = store_into_ublock(w, ctx, driverbuf + done, userbuf + done, left);
            if (k <= 0) return k < 0 ? -1 : 0;
            done += (uint64_t)k;
            continue;
        }
        /* Invalid user address, or one that would copy into the user block. */
        if (t != T_OK) return -1;
        int64_t k = chunk_of(at, left);
        page_t *pg = page_of(o, page_index(at));
        if (!pg->mapped || o->deleted) return -1; /* invalid user address */
        /* Paging fault: no write access to the page. */
        if (pg->prot != P_RW && !FAULT(F_COPYOUT_NO_WRITE_CHECK)) {
            if (FAULT(F_COPYOUT_WRITES_READONLY_PAGE) && pg->prot == P_READ && kread(w, ctx, driverbuf + done, tmp, k) == 0)
                obj_write(o, at, tmp, k); /* the defect: the permission is looked at after the store */
            return -1;
        }
        /* Hardware fault: a failed page-in is one too. */
        if (pg->state == S_PAGING_IO_ERROR) return -1;
        /* Hardware fault in a damaged line, or an ADI version mismatch: the stores stop at that 64-byte line. */
        int64_t stop = copyout_stop(o, at, k, version);
        /* User context: a paged-out page is brought in when the copy stores into it. */
        if (pg->state == S_PAGED_OUT && stop > at) pg->state = S_RESIDENT;
        /* Paging fault: a driver-buffer page without read access (kread fails). */
        if (kread(w, ctx, driverbuf + done, tmp, stop - at) != 0) return -1;
        obj_write(o, at, tmp, stop - at);
        if (stop < at + k) return -1;
        done += (uint64_t)k;
    }
    return 0;
}

long copyout(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t userbuf, uint64_t cn) {
    long r = copyout_body(w, ctx, driverbuf, userbuf, cn);
    if (r != 0 && FAULT(F_COPYOUT_RETURNS_EFAULT)) return K_EFAULT;
    return r;
}

long ddi_copyout(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t buf, uint64_t cn, uint32_t flags) {
    if (!(flags & FKIOCTL)) return copyout(w, ctx, driverbuf, buf, cn);
    /* FKIOCTL: the destination is a kernel address; behave like bcopy(9F), which checks nothing (not even ADI). */
    if (cn == 0) return 0;
    uint8_t tmp[PAGE_SIZE];
    for (uint64_t done = 0; done < cn;) {
        object_t *o;
        int64_t off;
        if (translate(w->kernel, buf + done, &o, &off) != T_OK) return -1;
        int64_t k = chunk_of(off, (int64_t)(cn - done < PAGE_SIZE ? cn - done : PAGE_SIZE));
        page_t *pg = page_of(o, page_index(off));
        if (!pg || !pg->mapped) return -1;
        if (kread(w, ctx, driverbuf + done, tmp, k) != 0) return -1;
        obj_write(o, off, tmp, k);
        done += (uint64_t)k;
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
