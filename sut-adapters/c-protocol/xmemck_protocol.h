/*
 * xmemck_protocol: the xmemck process protocol (sut-adapters/PROTOCOL.md) for implementations written in C.
 *
 * The library owns standard input and standard output. It reads the kit's requests, answers the hello and decodes
 * every op into a C struct; the implementation answers ops through callbacks and never sees JSON. The library
 * answers in order, never waits for the kit to read (the kit pipelines), flushes when no further request is
 * waiting, and streams large observations as they are produced. It needs nothing but libc (C11 and POSIX read and
 * write):
 *
 *     gcc -std=c11 -O2 -Wall -Wextra -I sut-adapters/c-protocol -o my-impl my-impl.c \
 *         sut-adapters/c-protocol/xmemck_protocol.c sut-adapters/c-protocol/xmemck_json.c
 *
 * A minimal implementation (PROTOCOL.md, "Writing an implementation in C", has a complete one):
 *
 *     static xp_status my_copyout(void *state, const xp_copyout *op, xp_reply *r) {
 *         return xp_returned(r, my_kernel_copyout(state, op->driverbuf, op->userbuf, op->cn));
 *     }
 *     int main(void) {
 *         static const char *const supported[] = {"COPYOUT", NULL};
 *         xp_implementation impl = {.name = "my kernel 1.0", .supported = supported,
 *                                   .missing_reason = "not implemented yet", .copyout = my_copyout};
 *         return xp_serve(&impl, &my_state, NULL);
 *     }
 *
 * Every callback gets the implementation's own state pointer (the one given to xp_serve) first. Strings in the
 * structs passed to a callback (names) live until the callback returns: copy what you keep.
 */
#ifndef XMEMCK_PROTOCOL_H
#define XMEMCK_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define XP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define XP_PRINTF(fmt, args)
#endif

#define XP_PROTOCOL_VERSION 1
#define XP_PAGE_SIZE 4096 /* the kit's page: guard pages, page numbers, digests */

/* ------------------------------------------------------------------ the values of ops (PROTOCOL.md §7 to §9) */

typedef enum { XP_PROT_NONE, XP_PROT_READ, XP_PROT_READ_WRITE } xp_prot;

typedef enum { XP_RESIDENT, XP_PAGED_OUT, XP_PAGING_IO_ERROR, XP_HARDWARE_ERROR } xp_page_state;

/* The execution environment of a call; process is NULL unless kind is XP_CTX_PROCESS. */
typedef enum { XP_CTX_PROCESS, XP_CTX_KERNEL_PROCESS, XP_CTX_INTERRUPT } xp_context_kind;
typedef struct {
    xp_context_kind kind;
    const char *process;
} xp_context;

/*
 * A symbolic address: byte `offset` of the object named `object` (place XP_AT_OBJECT), or `offset` bytes from a
 * special place in the address space of the call's context (object is then NULL). adi_version is the pointer's ADI
 * version, 0..15; 0 when the request carries none (an untagged pointer has version 0).
 */
typedef enum { XP_AT_OBJECT, XP_AT_NULL, XP_AT_UNMAPPED, XP_AT_KERNEL, XP_AT_USER_BLOCK } xp_place;
typedef struct {
    xp_place place;
    const char *object;
    int64_t offset;
    int adi_version;
} xp_addr;

/* ------------------------------------------------------------------ ops: one struct per kind (PROTOCOL.md §9) */

/* Setup. Page and line numbers are relative to the object; the library checks types, the implementation ranges. */
typedef struct { const char *name; } xp_create_process;
typedef struct { const char *name; const char *space; int64_t pages; xp_prot prot; uint64_t seed; } xp_map_region;
typedef struct { const char *name; const char *process; int64_t pages; xp_prot prot; uint64_t seed; } xp_map_region_below_user_block;
typedef struct { const char *name; const char *space; int64_t pages; xp_prot prot; uint64_t seed; int64_t boundary_page; } xp_map_region_across_segments;
typedef struct { const char *sid; int64_t pages; uint64_t seed; } xp_create_file_segment;
typedef struct { const char *sid; int64_t pno; int has_frame; } xp_set_frame;
typedef struct { const char *object; int64_t first_page, pages; xp_prot prot; } xp_protect;
typedef struct { const char *object; int64_t first_page, pages; } xp_unmap;
typedef struct { const char *object; int64_t first_page, pages; xp_page_state state; } xp_set_page_state;
typedef struct { const char *object; int64_t first_line, lines; } xp_damage_lines;
typedef struct { const char *object; int64_t first_page, pages; } xp_pin;
typedef struct { const char *object; int64_t first_line, lines; int version; } xp_set_adi_version;
typedef struct { const char *object; } xp_delete_segment;

/* Calls, with the C types of the manual pages' synopses: int counts, size_t (64-bit) cn, a 32-bit flags mask. */
typedef struct { xp_context context; xp_addr addr; int count; const char *dp; int segflag; } xp_xmattach;
typedef struct { xp_context context; const char *dp; } xp_xmdetach;
typedef struct { xp_context context; xp_addr kaddr, uaddr; int count; const char *dp; } xp_xmemout;
typedef struct { xp_context context; const char *sid; int64_t pno; int pgoffs, count, cmd; const char *dp; xp_addr ptr; } xp_vm_mvc;
typedef struct { xp_context context; xp_addr driverbuf, userbuf; uint64_t cn; } xp_copyout;
typedef struct { xp_context context; xp_addr driverbuf, buf; uint64_t cn; uint32_t flags; } xp_ddi_copyout;
typedef struct { xp_context context; xp_addr regs; int cmd; xp_addr arg; } xp_xx_ioctl;

/* Observations: the library answers them through the memory callbacks below. */
typedef struct { const char *object; int64_t from, length; } xp_observe_bytes;
typedef struct { const char *object; int64_t from, length; } xp_observe_digest;
typedef struct { const char *object; int64_t page; } xp_observe_protection;

typedef enum {
    XP_OP_CREATE_PROCESS, XP_OP_MAP_REGION, XP_OP_MAP_REGION_BELOW_USER_BLOCK, XP_OP_MAP_REGION_ACROSS_SEGMENTS,
    XP_OP_CREATE_FILE_SEGMENT, XP_OP_SET_FRAME, XP_OP_PROTECT, XP_OP_UNMAP, XP_OP_SET_PAGE_STATE,
    XP_OP_DAMAGE_LINES, XP_OP_PIN, XP_OP_SET_ADI_VERSION, XP_OP_DELETE_SEGMENT,
    XP_OP_XMATTACH, XP_OP_XMDETACH, XP_OP_XMEMOUT, XP_OP_VM_MVC, XP_OP_COPYOUT, XP_OP_DDI_COPYOUT, XP_OP_XX_IOCTL,
    XP_OP_OBSERVE_BYTES, XP_OP_OBSERVE_DIGEST, XP_OP_OBSERVE_PROTECTION,
    XP_OP_COUNT
} xp_op_kind;

/* One decoded op: a tagged union, the member named as the op (u.copyout for XP_OP_COPYOUT). */
typedef struct {
    xp_op_kind kind;
    int64_t seq;
    union {
        xp_create_process create_process;
        xp_map_region map_region;
        xp_map_region_below_user_block map_region_below_user_block;
        xp_map_region_across_segments map_region_across_segments;
        xp_create_file_segment create_file_segment;
        xp_set_frame set_frame;
        xp_protect protect;
        xp_unmap unmap;
        xp_set_page_state set_page_state;
        xp_damage_lines damage_lines;
        xp_pin pin;
        xp_set_adi_version set_adi_version;
        xp_delete_segment delete_segment;
        xp_xmattach xmattach;
        xp_xmdetach xmdetach;
        xp_xmemout xmemout;
        xp_vm_mvc vm_mvc;
        xp_copyout copyout;
        xp_ddi_copyout ddi_copyout;
        xp_xx_ioctl xx_ioctl;
        xp_observe_bytes observe_bytes;
        xp_observe_digest observe_digest;
        xp_observe_protection observe_protection;
    } u;
} xp_op;

/* The op's name on the wire ("copyout"); the names of protections, page states and special places likewise. */
const char *xp_op_name(xp_op_kind kind);
const char *xp_prot_name(xp_prot prot);
const char *xp_page_state_name(xp_page_state state);
const char *xp_place_name(xp_place place);

/* ------------------------------------------------------------------ answers */

/*
 * A callback answers by returning one of these, made by the functions below: `return XP_DONE;` for a setup op,
 * `return xp_returned(r, value);` for a call, `return xp_unsupported(r, "...");` when the op's condition cannot be
 * created here, `return xp_error(r, "...");` when the op is ill-formed (an unknown name, a page out of range).
 * An error ends the conversation (PROTOCOL.md §13: the kit treats it as a breach and starts a fresh process).
 */
typedef enum { XP_DONE, XP_RETURNED, XP_UNSUPPORTED, XP_ERROR } xp_status;

typedef struct xp_reply xp_reply; /* the answer being made; only the library looks inside */

xp_status xp_returned(xp_reply *r, int64_t value);
/* A note on a call's result, recorded in the report and never judged (errno, the raw native result, the path taken). */
void xp_note(xp_reply *r, const char *key, const char *value);
xp_status xp_unsupported(xp_reply *r, const char *fmt, ...) XP_PRINTF(2, 3);
xp_status xp_error(xp_reply *r, const char *fmt, ...) XP_PRINTF(2, 3);

/* ------------------------------------------------------------------ the implementation */

typedef struct {
    const char *capability;
    const char *reason;
} xp_missing;

/* The capabilities of PROTOCOL.md §6, in its order, ended by NULL. */
extern const char *const xp_capabilities[];

typedef struct xp_implementation {
    /* The hello: the name shown in every report, and the capabilities (PROTOCOL.md §6). supported is a list of
     * names ended by NULL, missing a list ended by {NULL, NULL}; either may be NULL for none. Every capability of
     * xp_capabilities in neither list is declared missing with missing_reason, unless that is NULL. */
    const char *name;
    const char *const *supported;
    const xp_missing *missing;
    const char *missing_reason;

    /* Said after "op NAME is not implemented: " when an op has no callback (NULL: nothing more is said). */
    const char *unimplemented_reason;

    /* reset: forget every process, object and descriptor; XP_DONE makes the answer "ready". NULL: nothing to forget. */
    xp_status (*reset)(void *state, xp_reply *r);

    /* One callback per op; an op whose callback is NULL goes to apply, and, if that is NULL too, is answered
     * unsupported. Setup ops answer XP_DONE, calls xp_returned(...). */
    xp_status (*create_process)(void *state, const xp_create_process *op, xp_reply *r);
    xp_status (*map_region)(void *state, const xp_map_region *op, xp_reply *r);
    xp_status (*map_region_below_user_block)(void *state, const xp_map_region_below_user_block *op, xp_reply *r);
    xp_status (*map_region_across_segments)(void *state, const xp_map_region_across_segments *op, xp_reply *r);
    xp_status (*create_file_segment)(void *state, const xp_create_file_segment *op, xp_reply *r);
    xp_status (*set_frame)(void *state, const xp_set_frame *op, xp_reply *r);
    xp_status (*protect)(void *state, const xp_protect *op, xp_reply *r);
    xp_status (*unmap)(void *state, const xp_unmap *op, xp_reply *r);
    xp_status (*set_page_state)(void *state, const xp_set_page_state *op, xp_reply *r);
    xp_status (*damage_lines)(void *state, const xp_damage_lines *op, xp_reply *r);
    xp_status (*pin)(void *state, const xp_pin *op, xp_reply *r);
    xp_status (*set_adi_version)(void *state, const xp_set_adi_version *op, xp_reply *r);
    xp_status (*delete_segment)(void *state, const xp_delete_segment *op, xp_reply *r);
    xp_status (*xmattach)(void *state, const xp_xmattach *op, xp_reply *r);
    xp_status (*xmdetach)(void *state, const xp_xmdetach *op, xp_reply *r);
    xp_status (*xmemout)(void *state, const xp_xmemout *op, xp_reply *r);
    xp_status (*vm_mvc)(void *state, const xp_vm_mvc *op, xp_reply *r);
    xp_status (*copyout)(void *state, const xp_copyout *op, xp_reply *r);
    xp_status (*ddi_copyout)(void *state, const xp_ddi_copyout *op, xp_reply *r);
    xp_status (*xx_ioctl)(void *state, const xp_xx_ioctl *op, xp_reply *r);
    /* For implementations that prefer one switch over op->kind; never called for observations. */
    xp_status (*apply)(void *state, const xp_op *op, xp_reply *r);

    /*
     * Reading memory, with the kit's privileged view: the library makes observe_bytes, observe_digest and
     * observe_protection out of these three (without lookup and read they are answered unsupported).
     *
     * lookup: the object (region or file segment) named `object`: any non-NULL handle, with *pages set to its size
     * in pages; NULL when there is none (the library answers an error). The library checks ranges with *pages.
     *
     * read: fills dst with bytes [from, from + length) of the object, a range that lies within one page of the
     * object or of its guard pages (from may be negative). Return nonzero, or 0 when that page is not there (a
     * hole; PROTOCOL.md §9 "Read every page" says which others may be): the library then sends zeros for it and
     * lists it in unreadable_pages.
     *
     * protection: the protection of page `page` (-1 .. pages) as a caller sees it: a hole is XP_PROT_NONE, guard
     * pages are XP_PROT_READ_WRITE. NULL: observe_protection is answered unsupported.
     */
    void *(*lookup)(void *state, const char *object, int64_t *pages);
    int (*read)(void *state, void *object, int64_t from, uint8_t *dst, size_t length);
    xp_prot (*protection)(void *state, void *object, int64_t page);
} xp_implementation;

typedef struct {
    const char *program; /* starts the library's lines on standard error; NULL: "xmemck implementation" */
    int trace;           /* nonzero: copy every message received and sent to standard error */
} xp_options;

/*
 * Speaks the protocol on standard input and output until standard input closes, then returns 0. After an error
 * answer (a request that cannot be parsed, an ill-formed op) it stops reading and returns 0 as well: the kit ends
 * the conversation there, and the fault was the request's. It returns 2 after refusing a hello that offers no
 * protocol version it speaks. options may be NULL.
 */
int xp_serve(const xp_implementation *impl, void *state, const xp_options *options);

/* ------------------------------------------------------------------ the kit's Fill pattern and page digest */

/* The initial content of byte `offset` (negative in the guard page before) of an object of Fill seed `seed` (§7). */
static inline uint8_t xp_fill_byte(uint64_t seed, int64_t offset) {
    uint64_t x = seed ^ ((uint64_t)offset * 0x9E3779B97F4A7C15ULL);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x = x ^ (x >> 31);
    return (uint8_t)x;
}

/* dst[i] = xp_fill_byte(seed, offset + i) for i in 0 .. n-1. */
void xp_fill(uint64_t seed, int64_t offset, uint8_t *dst, size_t n);

/* The digest of one 4096-byte page (§9), as observe_digest answers it. */
uint64_t xp_page_digest(const uint8_t *page);

/*
 * Checks xp_fill_byte and xp_page_digest against the check values of PROTOCOL.md (§7 and §9): prints a line to
 * standard output for each mismatch, adds the number of checks made to *checks and returns the number that failed.
 */
int xp_self_test(int *checks);

#endif
