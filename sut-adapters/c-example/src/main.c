/*
 * xmemck-c-example: an example implementation of xmemout, vm_mvc and copyout on a small simulated kernel,
 * speaking the xmemck process protocol (sut-adapters/PROTOCOL.md) through the protocol library in
 * sut-adapters/c-protocol. This file is the implementation's side of it: each op becomes calls of the simulated
 * kernel (kernel.h, services.h), with the kit's symbolic names and addresses turned into the kernel's objects and
 * effective addresses. The library does the rest: JSON, the hello, the observations, pipelining.
 *
 *   xmemck-c-example [--fault NAME] [--trace]
 *   xmemck-c-example --list-faults
 *   xmemck-c-example --self-test
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faults.h"
#include "kernel.h"
#include "services.h"
#include "xmemck_protocol.h"

#define VERSION "0.1.0"

/* The kernel keeps protections and page states in the protocol's order, so they pass through unchanged. */
_Static_assert(P_NONE == (int)XP_PROT_NONE && P_READ == (int)XP_PROT_READ && P_RW == (int)XP_PROT_READ_WRITE, "prot");
_Static_assert(S_PAGED_OUT == (int)XP_PAGED_OUT && S_HARDWARE_ERROR == (int)XP_HARDWARE_ERROR, "page states");

static const char *const CAPABILITIES[] = {
    "XMEM_SERVICES", "VM_MVC", "COPYOUT", "DDI_COPYOUT", "KERNEL_DESTINATION", "MULTIPLE_PROCESSES",
    "PROCESS_CONTEXT_OTHER", "KERNEL_PROCESS_CONTEXT", "INTERRUPT_CONTEXT", "READ_ONLY_PAGES", "NO_ACCESS_PAGES",
    "UNMAPPED_PAGES", "PAGED_OUT_PAGES", "PAGING_IO_ERROR", "HARDWARE_ERROR", "ADI", "USER_BLOCK",
    "SPECIAL_ADDRESSES", "SEGMENT_DELETE", "PINNING", "FRAMES", "PROTECTION_OBSERVATION", "DAMAGED_LINES",
    "USER_BLOCK_NEIGHBOUR", "SEGMENT_CROSSING", "DIGEST_OBSERVATION", NULL,
};

/* ------------------------------------------------------------------ the kit's names made into the kernel's objects */

/* The object named `name` (by the op's member `member`), or NULL and an error answer. */
static object_t *find_object(world_t *w, xp_reply *r, const char *name, const char *member) {
    object_t *o = object_find(w, name);
    if (!o) xp_error(r, "unknown object \"%s\" (field \"%s\")", name, member);
    return o;
}

/* The object whose pages [first, first + count) an op names, or NULL and an error answer. */
static object_t *find_pages(world_t *w, xp_reply *r, const char *name, int64_t first, int64_t count) {
    object_t *o = find_object(w, r, name, "object");
    if (o && (first < 0 || count < 1 || first > o->pages - count)) {
        xp_error(r, "pages out of range for object \"%s\"", o->name);
        return NULL;
    }
    return o;
}

static int context_of(world_t *w, xp_reply *r, const xp_context *x, ctx_t *c) {
    c->kind = x->kind == XP_CTX_PROCESS ? CTX_PROCESS : x->kind == XP_CTX_KERNEL_PROCESS ? CTX_KPROC : CTX_INTERRUPT;
    c->proc = NULL;
    if (x->kind != XP_CTX_PROCESS) return 1;
    c->proc = space_find(w, x->process);
    if (c->proc && !c->proc->is_kernel) return 1;
    xp_error(r, "unknown process \"%s\"", x->process);
    return 0;
}

/* A symbolic address made into an effective address: what a caller would hand the kernel. */
static int address_of(world_t *w, xp_reply *r, const xp_addr *a, uint64_t *ea) {
    static const uint64_t SPECIAL[] = {0, (uint64_t)UNMAPPED_SEG << SEG_SHIFT, KERNELBASE, (uint64_t)UBLOCK_SEG << SEG_SHIFT};
    if (a->place != XP_AT_OBJECT) {
        *ea = SPECIAL[a->place - XP_AT_NULL] + (uint64_t)a->offset;
        return 1;
    }
    object_t *o = find_object(w, r, a->object, "object");
    if (!o) return 0;
    *ea = (ea_of(o, a->offset) & EA_MASK) | (uint64_t)a->adi_version << ADI_SHIFT; /* the version rides in bits 56..59 */
    return 1;
}

/* ------------------------------------------------------------------ setup */

static xp_status reset(void *state, xp_reply *r) {
    (void)r;
    world_free(state);
    world_init(state);
    return XP_DONE;
}

static xp_status create_process(void *state, const xp_create_process *op, xp_reply *r) {
    char err[256];
    if (!space_create(state, op->name, err, sizeof err)) return xp_error(r, "%s", err);
    return XP_DONE;
}

/* map_region, its two special placements, and create_file_segment (kernel memory for vm_mvc's m1). */
static xp_status map_object(world_t *w, xp_reply *r, const char *name, const char *space, int64_t pages, int prot,
                            uint64_t seed, int file, placement_t place) {
    space_t *sp = space_find(w, space);
    if (!sp) return xp_error(r, place.kind == PLACE_BELOW_UBLOCK ? "unknown process \"%s\"" : "unknown space \"%s\"", space);
    if (place.kind == PLACE_BELOW_UBLOCK && sp->is_kernel) return xp_error(r, "the kernel has no user block; name a process");
    if (pages < 1 || pages > (1 << 18)) return xp_error(r, "pages must be 1..262144");
    if (place.kind == PLACE_ACROSS_SEGMENTS && (place.boundary_page < 1 || place.boundary_page >= pages))
        return xp_error(r, "boundary_page must be a page of the region other than its first (1..pages-1)");
    char err[256];
    if (!object_create(w, name, sp, pages, prot, seed, file, place, err, sizeof err)) return xp_error(r, "%s", err);
    return XP_DONE;
}

static xp_status map_region(void *state, const xp_map_region *op, xp_reply *r) {
    placement_t own = {PLACE_OWN_SEGMENTS, 0};
    return map_object(state, r, op->name, op->space, op->pages, (int)op->prot, op->seed, 0, own);
}

static xp_status map_region_below_user_block(void *state, const xp_map_region_below_user_block *op, xp_reply *r) {
    placement_t below = {PLACE_BELOW_UBLOCK, 0};
    return map_object(state, r, op->name, op->process, op->pages, (int)op->prot, op->seed, 0, below);
}

static xp_status map_region_across_segments(void *state, const xp_map_region_across_segments *op, xp_reply *r) {
    placement_t across = {PLACE_ACROSS_SEGMENTS, op->boundary_page};
    return map_object(state, r, op->name, op->space, op->pages, (int)op->prot, op->seed, 0, across);
}

static xp_status create_file_segment(void *state, const xp_create_file_segment *op, xp_reply *r) {
    placement_t own = {PLACE_OWN_SEGMENTS, 0};
    return map_object(state, r, op->sid, "kernel", op->pages, P_RW, op->seed, 1, own);
}

static xp_status set_frame(void *state, const xp_set_frame *op, xp_reply *r) {
    object_t *o = find_object(state, r, op->sid, "sid");
    if (!o) return XP_ERROR;
    if (!o->is_file) return xp_error(r, "\"%s\" is not a file segment", o->name);
    if (op->pno < 0 || op->pno >= o->pages) return xp_error(r, "pages out of range for object \"%s\"", o->name);
    page_of(o, op->pno)->frame = (uint8_t)op->has_frame;
    return XP_DONE;
}

static xp_status protect(void *state, const xp_protect *op, xp_reply *r) {
    object_t *o = find_pages(state, r, op->object, op->first_page, op->pages);
    if (!o) return XP_ERROR;
    for (int64_t p = op->first_page; p < op->first_page + op->pages; p++) page_of(o, p)->prot = (uint8_t)op->prot;
    return XP_DONE;
}

static xp_status unmap(void *state, const xp_unmap *op, xp_reply *r) {
    object_t *o = find_pages(state, r, op->object, op->first_page, op->pages);
    if (!o) return XP_ERROR;
    for (int64_t p = op->first_page; p < op->first_page + op->pages; p++) {
        page_t *pg = page_of(o, p);
        pg->mapped = 0;
        pg->pinned = 0;
        pg->state = S_RESIDENT; /* a hole has no memory, so no error in it */
        lines_damage(o, p * LINES_PER_PAGE, LINES_PER_PAGE, 0);
        free(pg->data);
        pg->data = NULL;
    }
    return XP_DONE;
}

static xp_status set_page_state(void *state, const xp_set_page_state *op, xp_reply *r) {
    object_t *o = find_pages(state, r, op->object, op->first_page, op->pages);
    if (!o) return XP_ERROR;
    for (int64_t p = op->first_page; p < op->first_page + op->pages; p++) {
        /* HARDWARE_ERROR is an uncorrectable error in every line of the page; any other state repairs them. */
        page_of(o, p)->state = (uint8_t)op->state;
        if (lines_damage(o, p * LINES_PER_PAGE, LINES_PER_PAGE, op->state == XP_HARDWARE_ERROR) != 0) return xp_error(r, "out of memory");
    }
    return XP_DONE;
}

static xp_status pin(void *state, const xp_pin *op, xp_reply *r) {
    object_t *o = find_pages(state, r, op->object, op->first_page, op->pages);
    if (!o) return XP_ERROR;
    for (int64_t p = op->first_page; p < op->first_page + op->pages; p++) {
        page_t *pg = page_of(o, p);
        pg->pinned = 1;
        if (pg->state == S_PAGED_OUT) pg->state = S_RESIDENT; /* pinning brings the page in */
    }
    return XP_DONE;
}

/*
 * damage_lines: an uncorrectable error in lines [first, first + lines) of a region. The pages holding them are in
 * state HARDWARE_ERROR; a page that was not starts with no other damaged line.
 */
static xp_status damage_lines(void *state, const xp_damage_lines *op, xp_reply *r) {
    object_t *o = find_object(state, r, op->object, "object");
    if (!o) return XP_ERROR;
    if (o->is_file) return xp_error(r, "\"%s\" is a file segment; damage_lines applies to regions", o->name);
    int64_t first = op->first_line, lines = op->lines, total = o->pages * LINES_PER_PAGE;
    if (first < 0 || lines < 1 || first > total - lines) return xp_error(r, "lines out of range for \"%s\"", o->name);
    int64_t p0 = first / LINES_PER_PAGE, p1 = (first + lines - 1) / LINES_PER_PAGE;
    for (int64_t p = p0; p <= p1; p++)
        if (!page_of(o, p)->mapped) return xp_error(r, "a page of \"%s\" holding those lines is unmapped", o->name);
    for (int64_t p = p0; p <= p1; p++) {
        page_t *pg = page_of(o, p);
        if (pg->state != S_HARDWARE_ERROR && lines_damage(o, p * LINES_PER_PAGE, LINES_PER_PAGE, 0) != 0) return xp_error(r, "out of memory");
        pg->state = S_HARDWARE_ERROR;
    }
    if (lines_damage(o, first, lines, 1) != 0) return xp_error(r, "out of memory");
    return XP_DONE;
}

static xp_status set_adi_version(void *state, const xp_set_adi_version *op, xp_reply *r) {
    object_t *o = find_object(state, r, op->object, "object");
    if (!o) return XP_ERROR;
    int64_t total = o->pages * LINES_PER_PAGE;
    if (op->first_line < 0 || op->lines < 1 || op->first_line > total - op->lines)
        return xp_error(r, "ADI lines or version out of range for \"%s\"", o->name);
    if (!o->adi) o->adi = calloc((size_t)total, 1);
    if (!o->adi) return xp_error(r, "out of memory");
    memset(o->adi + op->first_line, op->version, (size_t)op->lines);
    return XP_DONE;
}

static xp_status delete_segment(void *state, const xp_delete_segment *op, xp_reply *r) {
    object_t *o = find_object(state, r, op->object, "object");
    if (!o) return XP_ERROR;
    o->deleted = 1;
    return XP_DONE;
}

/* ------------------------------------------------------------------ calls */

static xp_status call_xmattach(void *state, const xp_xmattach *op, xp_reply *r) {
    ctx_t c;
    uint64_t addr;
    if (!context_of(state, r, &op->context, &c) || !address_of(state, r, &op->addr, &addr)) return XP_ERROR;
    return xp_returned(r, xmattach(state, &c, addr, op->count, op->dp, op->segflag));
}

static xp_status call_xmdetach(void *state, const xp_xmdetach *op, xp_reply *r) {
    ctx_t c;
    if (!context_of(state, r, &op->context, &c)) return XP_ERROR;
    return xp_returned(r, xmdetach(state, &c, op->dp));
}

static xp_status call_xmemout(void *state, const xp_xmemout *op, xp_reply *r) {
    ctx_t c;
    uint64_t kaddr, uaddr;
    if (!context_of(state, r, &op->context, &c) || !address_of(state, r, &op->kaddr, &kaddr) ||
        !address_of(state, r, &op->uaddr, &uaddr))
        return XP_ERROR;
    return xp_returned(r, xmemout(state, &c, kaddr, uaddr, op->count, op->dp));
}

static xp_status call_vm_mvc(void *state, const xp_vm_mvc *op, xp_reply *r) {
    ctx_t c;
    uint64_t ptr;
    if (!context_of(state, r, &op->context, &c) || !address_of(state, r, &op->ptr, &ptr)) return XP_ERROR;
    object_t *m1 = object_find(state, op->sid); /* no such segment is vm_mvc's ENOENT, not an ill-formed op */
    return xp_returned(r, vm_mvc(state, &c, m1, op->pno, op->pgoffs, op->count, op->cmd, op->dp, ptr));
}

static xp_status call_copyout(void *state, const xp_copyout *op, xp_reply *r) {
    ctx_t c;
    uint64_t from, to;
    if (!context_of(state, r, &op->context, &c) || !address_of(state, r, &op->driverbuf, &from) ||
        !address_of(state, r, &op->userbuf, &to))
        return XP_ERROR;
    return xp_returned(r, copyout(state, &c, from, to, op->cn));
}

static xp_status call_ddi_copyout(void *state, const xp_ddi_copyout *op, xp_reply *r) {
    ctx_t c;
    uint64_t from, to;
    if (!context_of(state, r, &op->context, &c) || !address_of(state, r, &op->driverbuf, &from) ||
        !address_of(state, r, &op->buf, &to))
        return XP_ERROR;
    return xp_returned(r, ddi_copyout(state, &c, from, to, op->cn, op->flags));
}

static xp_status call_xx_ioctl(void *state, const xp_xx_ioctl *op, xp_reply *r) {
    ctx_t c;
    uint64_t regs, arg;
    if (!context_of(state, r, &op->context, &c) || !address_of(state, r, &op->regs, &regs) ||
        !address_of(state, r, &op->arg, &arg))
        return XP_ERROR;
    return xp_returned(r, xx_ioctl(state, &c, regs, op->cmd, arg));
}

/* ------------------------------------------------------------------ the kit's privileged view of memory */

static void *lookup(void *state, const char *name, int64_t *pages) {
    object_t *o = object_find(state, name);
    if (o) *pages = o->pages;
    return o;
}

/* Every page reads, whatever its protection or state; only a hole is not there. */
static int read_object(void *state, void *object, int64_t from, uint8_t *dst, size_t length) {
    (void)state;
    if (!page_of(object, page_index(from))->mapped) return 0;
    obj_read(object, from, dst, (int64_t)length);
    return 1;
}

static xp_prot protection(void *state, void *object, int64_t page) {
    (void)state;
    page_t *pg = page_of(object, page);
    return pg->mapped ? (xp_prot)pg->prot : XP_PROT_NONE;
}

static const xp_implementation EXAMPLE = {
    .supported = CAPABILITIES,
    .reset = reset,
    .create_process = create_process,
    .map_region = map_region,
    .map_region_below_user_block = map_region_below_user_block,
    .map_region_across_segments = map_region_across_segments,
    .create_file_segment = create_file_segment,
    .set_frame = set_frame,
    .protect = protect,
    .unmap = unmap,
    .set_page_state = set_page_state,
    .damage_lines = damage_lines,
    .pin = pin,
    .set_adi_version = set_adi_version,
    .delete_segment = delete_segment,
    .xmattach = call_xmattach,
    .xmdetach = call_xmdetach,
    .xmemout = call_xmemout,
    .vm_mvc = call_vm_mvc,
    .copyout = call_copyout,
    .ddi_copyout = call_ddi_copyout,
    .xx_ioctl = call_xx_ioctl,
    .lookup = lookup,
    .read = read_object,
    .protection = protection,
};

/* ------------------------------------------------------------------ self-test */

/* Whether the kernel's page at offset `from` of object o holds the Fill pattern of its seed there. */
static int check_fill(object_t *o, int64_t from, const char *what) {
    static uint8_t got[PAGE_SIZE], want[PAGE_SIZE];
    obj_read(o, from, got, PAGE_SIZE);
    xp_fill(o->seed, from, want, PAGE_SIZE);
    if (memcmp(got, want, PAGE_SIZE) == 0 && xp_page_digest(got) == xp_page_digest(want)) return 0;
    printf("FAIL %s does not read as Fill seed %llu\n", what, (unsigned long long)o->seed);
    return 1;
}

/*
 * --self-test: the library's checks of the Fill pattern and the page digest against PROTOCOL.md's check values, then
 * the same pages read the way the observations read them, through the simulated kernel. Exit status 0 when all match.
 */
static int self_test(void) {
    int checks = 0;
    int failures = xp_self_test(&checks);
    world_t w;
    world_init(&w);
    char err[256];
    space_t *p = space_create(&w, "p", err, sizeof err);
    placement_t own = {PLACE_OWN_SEGMENTS, 0};
    object_t *one = p ? object_create(&w, "one", p, 1, P_RW, 1, 0, own, err, sizeof err) : NULL;
    object_t *two = p ? object_create(&w, "two", p, 1, P_RW, 2, 0, own, err, sizeof err) : NULL;
    if (!one || !two) {
        printf("FAIL setting up the regions: %s\n", err);
        return 1;
    }
    failures += check_fill(one, 0, "page 0 of a region");
    failures += check_fill(two, -PAGE_SIZE, "the guard page before a region");
    checks += 2;
    world_free(&w);
    printf("self-test: %d of %d checks passed\n", checks - failures, checks);
    return failures ? 1 : 0;
}

/* ------------------------------------------------------------------ main */

static void usage(FILE *f) {
    fputs("usage: xmemck-c-example [--fault NAME] [--trace]\n"
          "       xmemck-c-example --list-faults\n"
          "       xmemck-c-example --self-test\n"
          "Speaks the xmemck process protocol on standard input and output; exits when standard input closes.\n",
          f);
}

int main(int argc, char **argv) {
    xp_options options = {"xmemck-c-example", 0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--list-faults") == 0) {
            /* One line per fault: name, the clause id the kit must report, description (tab-separated). */
            for (int f = 1; f < F_COUNT; f++) printf("%s\t%s\t%s\n", FAULTS[f].name, FAULTS[f].clause, FAULTS[f].description);
            return 0;
        } else if (strcmp(argv[i], "--fault") == 0 && i + 1 < argc) {
            enum fault f = fault_by_name(argv[++i]);
            if (f == F_COUNT) {
                fprintf(stderr, "xmemck-c-example: unknown fault \"%s\"; --list-faults lists them\n", argv[i]);
                return 2;
            }
            active_fault = f;
        } else if (strcmp(argv[i], "--self-test") == 0) {
            return self_test();
        } else if (strcmp(argv[i], "--trace") == 0) {
            options.trace = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "xmemck-c-example: unknown argument \"%s\"\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    char name[160];
    snprintf(name, sizeof name, "xmemck C example %s%s%s", VERSION, active_fault ? ", seeded fault " : "",
             active_fault ? FAULTS[active_fault].name : "");
    xp_implementation impl = EXAMPLE;
    impl.name = name;
    world_t w;
    world_init(&w);
    int status = xp_serve(&impl, &w, &options);
    world_free(&w);
    return status;
}
