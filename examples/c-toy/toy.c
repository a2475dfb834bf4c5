/*
 * xmemck-c-toy: a toy copyout(9F) for the xmemck kit, written against the protocol library in
 * sut-adapters/c-protocol. One user process with a flat address space, kernel memory beside it, and pages that are
 * read-write, read-only or no-access; every other capability is declared missing, with a reason.
 *
 *   xmemck-c-toy [--trace]     speaks the protocol on standard input and output until standard input closes
 *   xmemck-c-toy --self-test   checks the library's Fill pattern and page digest against PROTOCOL.md
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmemck_protocol.h"

#define PAGE XP_PAGE_SIZE
#define MAX_OBJECTS 64
#define MAX_PAGES 4096 /* per region: the toy keeps all of its memory allocated */

typedef struct {
    char name[65];
    int user;       /* in the process's address space, else kernel memory */
    int64_t pages;
    uint64_t base;  /* the address of its guard page before */
    uint8_t *mem;   /* guard page, the region's pages, guard page */
    xp_prot *prot;  /* one per page of mem */
} region;

typedef struct {
    char process[65]; /* "" until create_process */
    int count;
    region regions[MAX_OBJECTS];
    uint64_t next[2]; /* the next free address of kernel memory [0] and of the user space [1] */
} toy;

static region *find(toy *t, const char *name) {
    for (int i = 0; i < t->count; i++)
        if (strcmp(t->regions[i].name, name) == 0) return &t->regions[i];
    return NULL;
}

/* The region holding address `addr` of a space, with the byte's index in its memory; NULL where nothing is mapped. */
static region *at(toy *t, int user, uint64_t addr, uint64_t *index) {
    for (int i = 0; i < t->count; i++) {
        region *o = &t->regions[i];
        if (o->user == user && addr - o->base < (uint64_t)(o->pages + 2) * PAGE) {
            *index = addr - o->base;
            return o;
        }
    }
    return NULL;
}

/* A symbolic address made into (space, address). Special places are user addresses where nothing is mapped. */
static int resolve(toy *t, const xp_addr *a, int *user, uint64_t *addr, xp_reply *r) {
    static const uint64_t SPECIAL[] = {0, 1ULL << 40, 1ULL << 63, 1ULL << 41}; /* NULL, UNMAPPED, KERNEL, USER_BLOCK */
    *user = 1;
    if (a->place != XP_AT_OBJECT) {
        *addr = SPECIAL[a->place - XP_AT_NULL] + (uint64_t)a->offset;
        return 1;
    }
    region *o = find(t, a->object);
    if (!o) {
        xp_error(r, "unknown object \"%s\"", a->object);
        return 0;
    }
    *user = o->user;
    *addr = o->base + PAGE + (uint64_t)a->offset;
    return 1;
}

/* Whether all of [addr, addr + n) in a space is mapped with at least protection `need` (NONE < READ < READ_WRITE). */
static int accessible(toy *t, int user, uint64_t addr, uint64_t n, xp_prot need) {
    for (uint64_t done = 0; done < n;) {
        uint64_t i;
        region *o = at(t, user, addr + done, &i);
        if (!o || o->prot[i / PAGE] < need) return 0;
        done += PAGE - i % PAGE;
    }
    return 1;
}

static xp_status reset(void *state, xp_reply *r) {
    (void)r;
    toy *t = state;
    for (int i = 0; i < t->count; i++) {
        free(t->regions[i].mem);
        free(t->regions[i].prot);
    }
    memset(t, 0, sizeof *t);
    t->next[0] = 1ULL << 44; /* kernel memory */
    t->next[1] = 1ULL << 20; /* user memory: nothing near NULL */
    return XP_DONE;
}

static xp_status create_process(void *state, const xp_create_process *op, xp_reply *r) {
    toy *t = state;
    if (t->process[0]) return xp_unsupported(r, "the toy has one user process");
    snprintf(t->process, sizeof t->process, "%s", op->name);
    return XP_DONE;
}

static xp_status map_region(void *state, const xp_map_region *op, xp_reply *r) {
    toy *t = state;
    int user = strcmp(op->space, "kernel") != 0;
    if (user && strcmp(op->space, t->process) != 0) return xp_error(r, "unknown space \"%s\"", op->space);
    if (find(t, op->name)) return xp_error(r, "an object named \"%s\" already exists", op->name);
    if (op->pages < 1 || op->pages > MAX_PAGES || t->count == MAX_OBJECTS)
        return xp_unsupported(r, "the toy keeps %d regions of 1 to %d pages", MAX_OBJECTS, MAX_PAGES);
    region *o = &t->regions[t->count];
    size_t size = (size_t)(op->pages + 2) * PAGE;
    o->mem = malloc(size);
    o->prot = malloc((size_t)(op->pages + 2) * sizeof *o->prot);
    if (!o->mem || !o->prot) {
        free(o->mem);
        free(o->prot);
        return xp_error(r, "out of memory for %lld pages", (long long)op->pages);
    }
    snprintf(o->name, sizeof o->name, "%s", op->name);
    o->user = user;
    o->pages = op->pages;
    o->base = t->next[user];
    t->next[user] += size + PAGE; /* an unmapped page after the guard page: a copy cannot run into the next region */
    xp_fill(op->seed, -PAGE, o->mem, size);
    for (int64_t p = 0; p < op->pages + 2; p++) o->prot[p] = p == 0 || p == op->pages + 1 ? XP_PROT_READ_WRITE : op->prot;
    t->count++;
    return XP_DONE;
}

static xp_status protect(void *state, const xp_protect *op, xp_reply *r) {
    region *o = find(state, op->object);
    if (!o) return xp_error(r, "unknown object \"%s\"", op->object);
    if (op->first_page < 0 || op->pages < 1 || op->first_page > o->pages - op->pages)
        return xp_error(r, "pages out of range for object \"%s\"", op->object);
    for (int64_t p = op->first_page; p < op->first_page + op->pages; p++) o->prot[p + 1] = op->prot;
    return XP_DONE;
}

/* copyout's work, shared with the ioctl: sets *ret to 0 or -1 (XP_RETURNED), or answers unsupported or error. Every
 * page is checked before any is written. */
static xp_status copy_out(toy *t, const xp_context *ctx, const xp_addr *driverbuf, const xp_addr *userbuf, uint64_t cn,
                          xp_reply *r, int64_t *ret) {
    int from_user, to_user;
    uint64_t from, to, si = 0, di = 0;
    if (ctx->kind != XP_CTX_PROCESS) return xp_unsupported(r, "the toy calls copyout from its process only");
    if (strcmp(ctx->process, t->process) != 0) return xp_error(r, "unknown process \"%s\"", ctx->process);
    if (!resolve(t, driverbuf, &from_user, &from, r) || !resolve(t, userbuf, &to_user, &to, r)) return XP_ERROR;
    *ret = 0;
    if (cn == 0) return XP_RETURNED;
    if (from_user || !to_user || !accessible(t, 0, from, cn, XP_PROT_READ) || !accessible(t, 1, to, cn, XP_PROT_READ_WRITE)) {
        *ret = -1;
        return XP_RETURNED;
    }
    region *s = at(t, 0, from, &si), *d = at(t, 1, to, &di); /* gaps between regions: one region holds each range */
    memcpy(d->mem + di, s->mem + si, (size_t)cn);
    return XP_RETURNED;
}

static xp_status copyout(void *state, const xp_copyout *op, xp_reply *r) {
    int64_t ret;
    xp_status s = copy_out(state, &op->context, &op->driverbuf, &op->userbuf, op->cn, r, &ret);
    return s == XP_RETURNED ? xp_returned(r, ret) : s;
}

/* The copyout(9F) page's model driver: XX_GETREGS copies the 12-byte register block out, EFAULT when copyout fails.
 * The toy declares COPYOUT, which covers this ioctl: answering it unsupported would break that declaration. */
static xp_status xx_ioctl(void *state, const xp_xx_ioctl *op, xp_reply *r) {
    int64_t ret;
    if (op->cmd != 1) return xp_returned(r, 22); /* EINVAL: the only command is XX_GETREGS */
    xp_status s = copy_out(state, &op->context, &op->regs, &op->arg, 12, r, &ret);
    return s == XP_RETURNED ? xp_returned(r, ret == -1 ? 14 : 0) : s; /* EFAULT when copyout fails */
}

/* The kit's privileged view: every page reads, whatever its protection. */
static void *lookup(void *state, const char *name, int64_t *pages) {
    region *o = find(state, name);
    if (o) *pages = o->pages;
    return o;
}

static int read_region(void *state, void *object, int64_t from, uint8_t *dst, size_t length) {
    (void)state;
    memcpy(dst, ((region *)object)->mem + PAGE + from, length);
    return 1;
}

static xp_prot protection(void *state, void *object, int64_t page) {
    (void)state;
    return ((region *)object)->prot[page + 1];
}

static const char *const SUPPORTED[] = {"COPYOUT", "READ_ONLY_PAGES", "NO_ACCESS_PAGES", "SPECIAL_ADDRESSES",
                                        "USER_BLOCK", "PROTECTION_OBSERVATION", NULL};
static const xp_missing MISSING[] = {
    {"MULTIPLE_PROCESSES", "the toy has one user process"},
    {"PROCESS_CONTEXT_OTHER", "the toy has one user process"},
    {"KERNEL_PROCESS_CONTEXT", "the toy calls copyout from its process only"},
    {"INTERRUPT_CONTEXT", "the toy calls copyout from its process only"},
    {"ADI", "the toy's memory has no version tags"},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    static toy t;
    xp_options options = {"xmemck-c-toy", argc > 1 && strcmp(argv[1], "--trace") == 0};
    if (argc > 1 && strcmp(argv[1], "--self-test") == 0) {
        int checks = 0, failures = xp_self_test(&checks);
        printf("self-test: %d of %d checks passed\n", checks - failures, checks);
        return failures != 0;
    }
    xp_implementation impl = {
        .name = "xmemck C toy 0.1.0", .supported = SUPPORTED, .missing = MISSING,
        .missing_reason = "the toy implements copyout only", .unimplemented_reason = "the toy implements copyout only",
        .reset = reset, .create_process = create_process, .map_region = map_region, .protect = protect,
        .copyout = copyout, .xx_ioctl = xx_ioctl, .lookup = lookup, .read = read_region, .protection = protection,
    };
    reset(&t, NULL);
    int status = xp_serve(&impl, &t, &options);
    reset(&t, NULL);
    return status;
}
