/*
 * xmemck-c-example: an example implementation of xmemout, vm_mvc and copyout on a small simulated kernel,
 * speaking the xmemck process protocol (sut-adapters/PROTOCOL.md): one JSON object per line on standard input
 * and output, diagnostics on standard error. It exits when its standard input closes.
 *
 *   xmemck-c-example [--fault NAME] [--trace]
 *   xmemck-c-example --list-faults
 *   xmemck-c-example --self-test
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faults.h"
#include "json.h"
#include "kernel.h"
#include "services.h"

#define PROTOCOL_VERSION 1
#define VERSION "0.1.0"

static world_t W;
static arena A;
static buf OUT;
static int trace;

static const char *const CAPABILITIES[] = {
    "XMEM_SERVICES", "VM_MVC", "COPYOUT", "DDI_COPYOUT", "KERNEL_DESTINATION", "MULTIPLE_PROCESSES",
    "PROCESS_CONTEXT_OTHER", "KERNEL_PROCESS_CONTEXT", "INTERRUPT_CONTEXT", "READ_ONLY_PAGES", "NO_ACCESS_PAGES",
    "UNMAPPED_PAGES", "PAGED_OUT_PAGES", "PAGING_IO_ERROR", "HARDWARE_ERROR", "ADI", "USER_BLOCK",
    "SPECIAL_ADDRESSES", "SEGMENT_DELETE", "PINNING", "FRAMES", "PROTECTION_OBSERVATION", "DAMAGED_LINES",
    "USER_BLOCK_NEIGHBOUR", "SEGMENT_CROSSING", "DIGEST_OBSERVATION",
};

/* ------------------------------------------------------------------ output */

static void flush_out(void) {
    size_t done = 0;
    while (done < OUT.len) {
        ssize_t n = write(1, OUT.data + done, OUT.len - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            exit(0); /* the kit is gone */
        }
        done += (size_t)n;
    }
    OUT.len = 0;
}

/* Ends one message line; the output is flushed when no further request is waiting (see next_line). */
static void end_line(size_t start) {
    if (start > OUT.len) start = 0; /* part of the line was already flushed (a streamed observation) */
    if (trace) fprintf(stderr, "xmemck-c-example: sent %.*s\n", (int)(OUT.len - start > 300 ? 300 : OUT.len - start), OUT.data + start);
    buf_putc(&OUT, '\n');
}

static void send_error(int has_seq, int64_t seq, const char *message) {
    size_t start = OUT.len;
    buf_puts(&OUT, "{\"type\":\"error\",");
    if (has_seq) {
        buf_puts(&OUT, "\"seq\":");
        buf_i64(&OUT, seq);
        buf_putc(&OUT, ',');
    }
    buf_puts(&OUT, "\"message\":");
    buf_jstr(&OUT, message);
    buf_putc(&OUT, '}');
    end_line(start);
    fprintf(stderr, "xmemck-c-example: error: %s\n", message);
}

/* ------------------------------------------------------------------ input */

static char *in_data;
static size_t in_len, in_cap, in_pos;

/* The next request line (NUL-terminated, without its line end), or NULL at end of input. */
static char *next_line(size_t *len) {
    for (;;) {
        char *start = in_data + in_pos;
        char *nl = in_len > in_pos ? memchr(start, '\n', in_len - in_pos) : NULL;
        if (nl) {
            *nl = '\0';
            *len = (size_t)(nl - start);
            in_pos = (size_t)(nl - in_data) + 1;
            return start;
        }
        /* No complete request is waiting: send what we have before blocking, so batches cost one write. */
        flush_out();
        if (in_pos > 0) {
            memmove(in_data, in_data + in_pos, in_len - in_pos);
            in_len -= in_pos;
            in_pos = 0;
        }
        if (in_len + 1 >= in_cap) {
            in_cap = in_cap ? in_cap * 2 : 1 << 16;
            in_data = realloc(in_data, in_cap);
            if (!in_data) {
                fputs("xmemck-c-example: out of memory\n", stderr);
                exit(3);
            }
        }
        ssize_t n = read(0, in_data + in_len, in_cap - in_len - 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (in_len == 0) return NULL;
            in_data[in_len] = '\n'; /* a last line without its line end */
            in_len++;
            continue;
        }
        in_len += (size_t)n;
    }
}

/* ------------------------------------------------------------------ decoding requests */

typedef struct {
    char err[512];
    int bad;
} req;

static void bad(req *r, const char *fmt, const char *a, const char *b) {
    if (!r->bad) snprintf(r->err, sizeof r->err, fmt, a, b);
    r->bad = 1;
}

static const char *str_field(req *r, const jnode *o, const char *key) {
    const jnode *v = json_get(o, key);
    if (!v || v->kind != J_STR) {
        bad(r, "field \"%s\" must be a string%s", key, "");
        return "";
    }
    return v->str;
}

static int64_t int_field(req *r, const jnode *o, const char *key) {
    const jnode *v = json_get(o, key);
    if (!v || v->kind != J_NUM || !v->num_exact) {
        bad(r, "field \"%s\" must be a whole number%s", key, "");
        return 0;
    }
    return v->num;
}

/* A size_t: the whole unsigned 64-bit range. */
static uint64_t u64_field(req *r, const jnode *o, const char *key) {
    const jnode *v = json_get(o, key);
    if (!v || v->kind != J_NUM || !v->unum_exact) {
        bad(r, "field \"%s\" must be a whole number from 0 to 18446744073709551615%s", key, "");
        return 0;
    }
    return v->unum;
}

static int bool_field(req *r, const jnode *o, const char *key) {
    const jnode *v = json_get(o, key);
    if (!v || v->kind != J_BOOL) {
        bad(r, "field \"%s\" must be true or false%s", key, "");
        return 0;
    }
    return v->boolean;
}

static int enum_field(req *r, const jnode *o, const char *key, const char *const *names, int n) {
    const char *s = str_field(r, o, key);
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) return i;
    bad(r, "field \"%s\" has an unknown value \"%s\"", key, s);
    return 0;
}

static const char *const PROTS[] = {"NONE", "READ", "READ_WRITE"};
static const char *const STATES[] = {"RESIDENT", "PAGED_OUT", "PAGING_IO_ERROR", "HARDWARE_ERROR"};
static const char *const PLACES[] = {"NULL", "UNMAPPED", "KERNEL", "USER_BLOCK"};

static object_t *object_field(req *r, const jnode *o, const char *key) {
    const char *name = str_field(r, o, key);
    if (r->bad) return NULL;
    object_t *obj = object_find(&W, name);
    if (!obj) bad(r, "unknown object \"%s\" (field \"%s\")", name, key);
    return obj;
}

/* A symbolic address made into an effective address: what a caller would hand the kernel. */
static uint64_t addr_field(req *r, const jnode *o, const char *key) {
    const jnode *a = json_get(o, key);
    if (!a || a->kind != J_OBJ) {
        bad(r, "field \"%s\" must be an address object%s", key, "");
        return 0;
    }
    int64_t offset = int_field(r, a, "offset");
    if (json_get(a, "special")) {
        static const uint64_t BASES[] = {0, (uint64_t)UNMAPPED_SEG << SEG_SHIFT, KERNELBASE, (uint64_t)UBLOCK_SEG << SEG_SHIFT};
        return BASES[enum_field(r, a, "special", PLACES, 4)] + (uint64_t)offset;
    }
    object_t *obj = object_field(r, a, "object");
    if (!obj) return 0;
    uint64_t ea = ea_of(obj, offset);
    if (json_get(a, "adi_version")) {
        int64_t v = int_field(r, a, "adi_version");
        if (v >= 0) ea = (ea & EA_MASK) | ((uint64_t)(v & 0xF) << ADI_SHIFT);
    }
    return ea;
}

static ctx_t context_field(req *r, const jnode *o) {
    ctx_t c = {CTX_INTERRUPT, NULL};
    const jnode *v = json_get(o, "context");
    if (!v || v->kind != J_OBJ) {
        bad(r, "field \"%s\" must be a context object%s", "context", "");
        return c;
    }
    const char *kind = str_field(r, v, "kind");
    if (strcmp(kind, "process") == 0) {
        const char *name = str_field(r, v, "process");
        c.kind = CTX_PROCESS;
        c.proc = space_find(&W, name);
        if (!r->bad && (!c.proc || c.proc->is_kernel)) bad(r, "unknown process \"%s\"%s", name, "");
    } else if (strcmp(kind, "kernel_process") == 0) {
        c.kind = CTX_KPROC;
    } else if (strcmp(kind, "interrupt") != 0) {
        bad(r, "unknown context kind \"%s\"%s", kind, "");
    }
    return c;
}

/* Checks that [first, first + count) are pages of the object; returns 0 if not (and says why). */
static int page_range(req *r, object_t *o, int64_t first, int64_t count) {
    if (!o) return 0;
    if (first < 0 || count < 1 || first > o->pages - count) {
        bad(r, "pages out of range for object \"%s\"%s", o->name, "");
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ results */

static void begin_result(int64_t seq, const char *kind) {
    buf_puts(&OUT, "{\"type\":\"result\",\"seq\":");
    buf_i64(&OUT, seq);
    buf_puts(&OUT, ",\"result\":\"");
    buf_puts(&OUT, kind);
    buf_putc(&OUT, '"');
}

static void result_done(int64_t seq) {
    size_t start = OUT.len;
    begin_result(seq, "done");
    buf_putc(&OUT, '}');
    end_line(start);
}

static void result_returned(int64_t seq, long value) {
    size_t start = OUT.len;
    begin_result(seq, "returned");
    buf_puts(&OUT, ",\"value\":");
    buf_i64(&OUT, value);
    buf_putc(&OUT, '}');
    end_line(start);
}

/* Ends an observation's result: the unreadable pages (if any), then the line; frees the list. */
static void end_observation(size_t start, buf *unreadable) {
    if (unreadable->len) {
        buf_puts(&OUT, ",\"unreadable_pages\":[");
        buf_put(&OUT, unreadable->data, unreadable->len);
        buf_putc(&OUT, ']');
    }
    buf_putc(&OUT, '}');
    end_line(start);
    free(unreadable->data);
}

/*
 * Observation: the kit's privileged view of an object's bytes, guard pages included. Holes read as unreadable.
 * Large observations are streamed, a few pages at a time, so that the kit sees the answer arriving.
 */
static void observe_bytes(req *r, int64_t seq, const jnode *m) {
    object_t *o = object_field(r, m, "object");
    int64_t from = int_field(r, m, "from");
    int64_t length = int_field(r, m, "length");
    if (r->bad) return;
    if (length < 0 || from < -PAGE_SIZE || from > (o->pages + 1) * PAGE_SIZE - length) {
        bad(r, "observe_bytes: the range is outside object \"%s\" and its guard pages%s", o->name, "");
        return;
    }
    size_t start = OUT.len;
    begin_result(seq, "bytes");
    buf_puts(&OUT, ",\"object\":");
    buf_jstr(&OUT, o->name);
    buf_puts(&OUT, ",\"from\":");
    buf_i64(&OUT, from);
    buf_puts(&OUT, ",\"data\":\"");
    static uint8_t chunk[3 * PAGE_SIZE]; /* a multiple of 3: base64 pieces join without padding */
    buf unreadable = {0};
    int64_t listed = INT64_MIN;
    for (int64_t at = from; at < from + length;) {
        int64_t k = from + length - at < (int64_t)sizeof chunk ? from + length - at : (int64_t)sizeof chunk;
        for (int64_t q = at; q < at + k;) {
            int64_t p = page_index(q);
            int64_t end = (p + 1) * PAGE_SIZE < at + k ? (p + 1) * PAGE_SIZE : at + k;
            if (page_of(o, p)->mapped) {
                obj_read(o, q, chunk + (q - at), end - q);
            } else {
                memset(chunk + (q - at), 0, (size_t)(end - q));
                if (p != listed) {
                    if (unreadable.len) buf_putc(&unreadable, ',');
                    buf_i64(&unreadable, p);
                    listed = p;
                }
            }
            q = end;
        }
        buf_base64(&OUT, chunk, (size_t)k);
        if (OUT.len > (1u << 20)) flush_out();
        at += k;
    }
    buf_putc(&OUT, '"');
    end_observation(start, &unreadable);
}

/* The kit's page digest (PROTOCOL.md section 9): over the page's 512 little-endian 64-bit words, wrapping around. */
static uint64_t page_digest(const uint8_t *page) {
    uint64_t h = 0x6A09E667F3BCC908ULL;
    for (int i = 0; i < PAGE_SIZE; i += 8) {
        uint64_t w = 0;
        for (int b = 7; b >= 0; b--) w = w << 8 | page[i + b]; /* little-endian, whatever this machine is */
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h = h << 31 | h >> 33;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 33);
}

/*
 * Observation by page digests: what the kit asks for instead of the bytes of a large object. The pages are read as
 * observe_bytes reads them (a hole reads as zeros and is listed unreadable). Streamed like observe_bytes.
 */
static void observe_digest(req *r, int64_t seq, const jnode *m) {
    object_t *o = object_field(r, m, "object");
    int64_t from = int_field(r, m, "from");
    int64_t length = int_field(r, m, "length");
    if (r->bad) return;
    if (from % PAGE_SIZE != 0 || length % PAGE_SIZE != 0) {
        bad(r, "observe_digest: from and length must be multiples of 4096%s%s", "", "");
        return;
    }
    if (length < 0 || from < -PAGE_SIZE || from > (o->pages + 1) * PAGE_SIZE - length) {
        bad(r, "observe_digest: the range is outside object \"%s\" and its guard pages%s", o->name, "");
        return;
    }
    size_t start = OUT.len;
    begin_result(seq, "digest");
    buf_puts(&OUT, ",\"object\":");
    buf_jstr(&OUT, o->name);
    buf_puts(&OUT, ",\"from\":");
    buf_i64(&OUT, from);
    buf_puts(&OUT, ",\"digests\":[");
    static uint8_t page[PAGE_SIZE];
    buf unreadable = {0};
    for (int64_t p = from / PAGE_SIZE; p < (from + length) / PAGE_SIZE; p++) {
        if (page_of(o, p)->mapped) {
            obj_read(o, p * PAGE_SIZE, page, PAGE_SIZE);
        } else {
            memset(page, 0, sizeof page);
            if (unreadable.len) buf_putc(&unreadable, ',');
            buf_i64(&unreadable, p);
        }
        char hex[24];
        snprintf(hex, sizeof hex, "%s\"%016llx\"", p * PAGE_SIZE > from ? "," : "", (unsigned long long)page_digest(page));
        buf_puts(&OUT, hex);
        if (OUT.len > (1u << 16)) flush_out(); /* a digest costs more time than bytes: flush sooner */
    }
    buf_putc(&OUT, ']');
    end_observation(start, &unreadable);
}

static void observe_protection(req *r, int64_t seq, const jnode *m) {
    object_t *o = object_field(r, m, "object");
    int64_t p = int_field(r, m, "page");
    if (r->bad) return;
    page_t *pg = page_of(o, p);
    if (!pg) {
        bad(r, "observe_protection: page out of range for object \"%s\"%s", o->name, "");
        return;
    }
    size_t start = OUT.len;
    begin_result(seq, "protection");
    buf_puts(&OUT, ",\"prot\":\"");
    buf_puts(&OUT, pg->mapped ? PROTS[pg->prot] : "NONE");
    buf_puts(&OUT, "\"}");
    end_line(start);
}

/* ------------------------------------------------------------------ setup */

/* map_region, its two special placements, and create_file_segment (kernel memory for vm_mvc's m1). */
static void map_object(req *r, int64_t seq, const char *op, const jnode *m) {
    char err[256];
    int file = strcmp(op, "create_file_segment") == 0;
    placement_t place = {PLACE_OWN_SEGMENTS, 0};
    if (strcmp(op, "map_region_below_user_block") == 0) place.kind = PLACE_BELOW_UBLOCK;
    if (strcmp(op, "map_region_across_segments") == 0) place.kind = PLACE_ACROSS_SEGMENTS;
    const char *name = str_field(r, m, file ? "sid" : "name");
    const char *space = file ? "kernel" : str_field(r, m, place.kind == PLACE_BELOW_UBLOCK ? "process" : "space");
    int64_t pages = int_field(r, m, "pages");
    int prot = file ? P_RW : enum_field(r, m, "prot", PROTS, 3);
    uint64_t seed = (uint64_t)int_field(r, m, "seed");
    if (place.kind == PLACE_ACROSS_SEGMENTS) place.boundary_page = int_field(r, m, "boundary_page");
    if (r->bad) return;
    space_t *sp = space_find(&W, space);
    if (!sp) bad(r, place.kind == PLACE_BELOW_UBLOCK ? "unknown process \"%s\"%s" : "unknown space \"%s\"%s", space, "");
    else if (place.kind == PLACE_BELOW_UBLOCK && sp->is_kernel) bad(r, "the kernel has no user block; name a process%s%s", "", "");
    if (!r->bad && (pages < 1 || pages > (1 << 18))) bad(r, "pages must be 1..262144%s%s", "", "");
    if (!r->bad && place.kind == PLACE_ACROSS_SEGMENTS && (place.boundary_page < 1 || place.boundary_page >= pages))
        bad(r, "boundary_page must be a page of the region other than its first (1..pages-1)%s%s", "", "");
    if (!r->bad && !object_create(&W, name, sp, pages, prot, seed, file, place, err, sizeof err)) bad(r, "%s%s", err, "");
    if (!r->bad) result_done(seq);
}

/*
 * damage_lines: an uncorrectable error in lines [first, first + lines) of a region. The pages holding them are in
 * state HARDWARE_ERROR; a page that was not starts with no other damaged line.
 */
static void damage_lines(req *r, int64_t seq, const jnode *m) {
    object_t *o = object_field(r, m, "object");
    int64_t first = int_field(r, m, "first_line"), lines = int_field(r, m, "lines");
    if (r->bad) return;
    if (o->is_file) {
        bad(r, "\"%s\" is a file segment; damage_lines applies to regions%s", o->name, "");
        return;
    }
    int64_t total = o->pages * LINES_PER_PAGE;
    if (first < 0 || lines < 1 || first > total - lines) {
        bad(r, "lines out of range for \"%s\"%s", o->name, "");
        return;
    }
    int64_t p0 = first / LINES_PER_PAGE, p1 = (first + lines - 1) / LINES_PER_PAGE;
    for (int64_t p = p0; p <= p1; p++) {
        if (!page_of(o, p)->mapped) {
            bad(r, "a page of \"%s\" holding those lines is unmapped%s", o->name, "");
            return;
        }
    }
    for (int64_t p = p0; p <= p1; p++) {
        page_t *pg = page_of(o, p);
        if (pg->state != S_HARDWARE_ERROR && lines_damage(o, p * LINES_PER_PAGE, LINES_PER_PAGE, 0) != 0) goto oom;
        pg->state = S_HARDWARE_ERROR;
    }
    if (lines_damage(o, first, lines, 1) != 0) goto oom;
    result_done(seq);
    return;
oom:
    bad(r, "out of memory%s%s", "", "");
}

/* ------------------------------------------------------------------ ops */

static void apply(int64_t seq, const jnode *m) {
    req r = {{0}, 0};
    char err[256];
    const char *op = str_field(&r, m, "op");
    if (r.bad) goto done;

    /* ---- setup ---- */
    if (strcmp(op, "create_process") == 0) {
        const char *name = str_field(&r, m, "name");
        if (!r.bad && strcmp(name, "kernel") == 0) bad(&r, "\"kernel\" is not a process name%s%s", "", "");
        if (!r.bad && !space_create(&W, name, err, sizeof err)) bad(&r, "%s%s", err, "");
        if (!r.bad) result_done(seq);
    } else if (strcmp(op, "map_region") == 0 || strcmp(op, "map_region_below_user_block") == 0 ||
               strcmp(op, "map_region_across_segments") == 0 || strcmp(op, "create_file_segment") == 0) {
        map_object(&r, seq, op, m);
    } else if (strcmp(op, "set_frame") == 0) {
        object_t *o = object_field(&r, m, "sid");
        int64_t pno = int_field(&r, m, "pno");
        int has = bool_field(&r, m, "has_frame");
        if (!r.bad && !o->is_file) bad(&r, "\"%s\" is not a file segment%s", o->name, "");
        if (page_range(&r, o, pno, 1)) {
            page_of(o, pno)->frame = (uint8_t)has;
            result_done(seq);
        }
    } else if (strcmp(op, "protect") == 0 || strcmp(op, "unmap") == 0 || strcmp(op, "set_page_state") == 0 ||
               strcmp(op, "pin") == 0) {
        object_t *o = object_field(&r, m, "object");
        int64_t first = int_field(&r, m, "first_page"), count = int_field(&r, m, "pages");
        int value = op[0] == 'p' && op[1] == 'r' ? enum_field(&r, m, "prot", PROTS, 3)
                    : op[0] == 's'               ? enum_field(&r, m, "state", STATES, 4)
                                                 : 0;
        if (page_range(&r, o, first, count)) {
            for (int64_t p = first; p < first + count; p++) {
                page_t *pg = page_of(o, p);
                if (op[0] == 'p' && op[1] == 'r') {
                    pg->prot = (uint8_t)value;
                } else if (op[0] == 'u') {
                    pg->mapped = 0;
                    pg->pinned = 0;
                    pg->state = S_RESIDENT; /* a hole has no memory, so no error in it */
                    lines_damage(o, p * LINES_PER_PAGE, LINES_PER_PAGE, 0);
                    free(pg->data);
                    pg->data = NULL;
                } else if (op[0] == 's') {
                    /* HARDWARE_ERROR is an uncorrectable error in every line of the page; any other state repairs them. */
                    pg->state = (uint8_t)value;
                    if (lines_damage(o, p * LINES_PER_PAGE, LINES_PER_PAGE, value == S_HARDWARE_ERROR) != 0) {
                        bad(&r, "out of memory%s%s", "", "");
                        goto done;
                    }
                } else {
                    pg->pinned = 1;
                    if (pg->state == S_PAGED_OUT) pg->state = S_RESIDENT; /* pinning brings the page in */
                }
            }
            result_done(seq);
        }
    } else if (strcmp(op, "set_adi_version") == 0) {
        object_t *o = object_field(&r, m, "object");
        int64_t first = int_field(&r, m, "first_line"), lines = int_field(&r, m, "lines");
        int64_t version = int_field(&r, m, "version");
        if (r.bad) goto done;
        int64_t total = o->pages * LINES_PER_PAGE;
        if (first < 0 || lines < 1 || first > total - lines || version < 0 || version > 15) {
            bad(&r, "ADI lines or version out of range for \"%s\"%s", o->name, "");
            goto done;
        }
        if (!o->adi) o->adi = calloc((size_t)total, 1);
        if (!o->adi) {
            bad(&r, "out of memory%s%s", "", "");
            goto done;
        }
        memset(o->adi + first, (int)version, (size_t)lines);
        result_done(seq);
    } else if (strcmp(op, "damage_lines") == 0) {
        damage_lines(&r, seq, m);
    } else if (strcmp(op, "delete_segment") == 0) {
        object_t *o = object_field(&r, m, "object");
        if (!r.bad) {
            o->deleted = 1;
            result_done(seq);
        }
    }
    /* ---- calls ---- */
    else if (strcmp(op, "xmattach") == 0) {
        ctx_t c = context_field(&r, m);
        uint64_t addr = addr_field(&r, m, "addr");
        int64_t count = int_field(&r, m, "count");
        const char *dp = str_field(&r, m, "dp");
        int64_t segflag = int_field(&r, m, "segflag");
        if (!r.bad) result_returned(seq, xmattach(&W, &c, addr, count, dp, (int)segflag));
    } else if (strcmp(op, "xmdetach") == 0) {
        ctx_t c = context_field(&r, m);
        const char *dp = str_field(&r, m, "dp");
        if (!r.bad) result_returned(seq, xmdetach(&W, &c, dp));
    } else if (strcmp(op, "xmemout") == 0) {
        ctx_t c = context_field(&r, m);
        uint64_t kaddr = addr_field(&r, m, "kaddr"), uaddr = addr_field(&r, m, "uaddr");
        int64_t count = int_field(&r, m, "count");
        const char *dp = str_field(&r, m, "dp");
        if (!r.bad) result_returned(seq, xmemout(&W, &c, kaddr, uaddr, count, dp));
    } else if (strcmp(op, "vm_mvc") == 0) {
        ctx_t c = context_field(&r, m);
        const char *sid = str_field(&r, m, "sid");
        int64_t pno = int_field(&r, m, "pno"), pgoffs = int_field(&r, m, "pgoffs"), count = int_field(&r, m, "count");
        int64_t cmd = int_field(&r, m, "cmd");
        const char *dp = str_field(&r, m, "dp");
        uint64_t ptr = addr_field(&r, m, "ptr");
        if (!r.bad) result_returned(seq, vm_mvc(&W, &c, object_find(&W, sid), pno, pgoffs, count, (int)cmd, dp, ptr));
    } else if (strcmp(op, "copyout") == 0) {
        ctx_t c = context_field(&r, m);
        uint64_t from = addr_field(&r, m, "driverbuf"), to = addr_field(&r, m, "userbuf");
        uint64_t cn = u64_field(&r, m, "cn");
        if (!r.bad) result_returned(seq, copyout(&W, &c, from, to, cn));
    } else if (strcmp(op, "ddi_copyout") == 0) {
        ctx_t c = context_field(&r, m);
        uint64_t from = addr_field(&r, m, "driverbuf"), to = addr_field(&r, m, "buf");
        uint64_t cn = u64_field(&r, m, "cn");
        int64_t flags = int_field(&r, m, "flags");
        if (!r.bad) result_returned(seq, ddi_copyout(&W, &c, from, to, cn, (uint32_t)flags));
    } else if (strcmp(op, "xx_ioctl") == 0) {
        ctx_t c = context_field(&r, m);
        uint64_t regs = addr_field(&r, m, "regs"), arg = addr_field(&r, m, "arg");
        int64_t cmd = int_field(&r, m, "cmd");
        if (!r.bad) result_returned(seq, xx_ioctl(&W, &c, regs, (int)cmd, arg));
    }
    /* ---- observations ---- */
    else if (strcmp(op, "observe_bytes") == 0) {
        observe_bytes(&r, seq, m);
    } else if (strcmp(op, "observe_digest") == 0) {
        observe_digest(&r, seq, m);
    } else if (strcmp(op, "observe_protection") == 0) {
        observe_protection(&r, seq, m);
    } else {
        bad(&r, "unknown op \"%s\"%s", op, "");
    }
done:
    if (r.bad) send_error(1, seq, r.err);
}

/* ------------------------------------------------------------------ messages */

static void hello(const jnode *m) {
    const jnode *versions = json_get(m, "protocols");
    int ok = 0;
    if (versions && versions->kind == J_ARR)
        for (const jnode *v = versions->child; v; v = v->next)
            if (v->kind == J_NUM && v->num_exact && v->num == PROTOCOL_VERSION) ok = 1;
    if (!ok) {
        send_error(0, 0, "this implementation speaks protocol version 1 only");
        flush_out();
        exit(2);
    }
    size_t start = OUT.len;
    buf_puts(&OUT, "{\"type\":\"hello\",\"protocol\":1,\"name\":");
    char name[160];
    snprintf(name, sizeof name, "xmemck C example %s%s%s", VERSION, active_fault ? ", seeded fault " : "",
             active_fault ? FAULTS[active_fault].name : "");
    buf_jstr(&OUT, name);
    buf_puts(&OUT, ",\"capabilities\":{\"supported\":[");
    for (size_t i = 0; i < sizeof CAPABILITIES / sizeof *CAPABILITIES; i++) {
        if (i) buf_putc(&OUT, ',');
        buf_jstr(&OUT, CAPABILITIES[i]);
    }
    buf_puts(&OUT, "],\"missing\":{}}}");
    end_line(start);
}

static void handle(const char *line, size_t len) {
    char err[300];
    if (trace) fprintf(stderr, "xmemck-c-example: received %.*s\n", (int)(len > 300 ? 300 : len), line);
    jnode *m = json_parse(&A, line, len, err, sizeof err);
    if (!m) {
        send_error(0, 0, err);
        return;
    }
    const jnode *type = json_get(m, "type");
    if (!type || type->kind != J_STR) {
        send_error(0, 0, "a message needs a string field \"type\"");
    } else if (strcmp(type->str, "apply") == 0) {
        const jnode *seq = json_get(m, "seq");
        if (!seq || seq->kind != J_NUM || !seq->num_exact) send_error(0, 0, "an apply message needs a whole-number \"seq\"");
        else apply(seq->num, m);
    } else if (strcmp(type->str, "reset") == 0) {
        world_free(&W);
        world_init(&W);
        size_t start = OUT.len;
        buf_puts(&OUT, "{\"type\":\"ready\"}");
        end_line(start);
    } else if (strcmp(type->str, "hello") == 0) {
        hello(m);
    } else {
        char msg[200];
        snprintf(msg, sizeof msg, "unknown message type \"%.60s\"", type->str);
        send_error(0, 0, msg);
    }
}

/* ------------------------------------------------------------------ self-test */

static int check_digest(const char *what, const uint8_t *page, uint64_t want) {
    uint64_t got = page_digest(page);
    if (got == want) return 0;
    printf("FAIL digest of %s: %016llx, PROTOCOL.md says %016llx\n", what, (unsigned long long)got, (unsigned long long)want);
    return 1;
}

/*
 * --self-test: the check values PROTOCOL.md gives for the Fill pattern (section 7) and the page digest (section 9),
 * computed the way the observations compute them. Exit status 0 when all match.
 */
static int self_test(void) {
    static const struct {
        uint64_t seed;
        uint8_t bytes[10]; /* offsets -2 .. 7 */
    } FILLS[] = {
        {1, {0xa5, 0xc4, 0xe5, 0x20, 0x67, 0xe9, 0x0b, 0xae, 0x80, 0xa5}},
        {2, {0x0d, 0xba, 0x8a, 0xce, 0xe9, 0x0d, 0x64, 0x29, 0x5a, 0x3c}},
    };
    int failures = 0, checks = 0;
    for (size_t f = 0; f < sizeof FILLS / sizeof *FILLS; f++) {
        for (int i = 0; i < 10; i++, checks++) {
            uint8_t got = fill_byte(FILLS[f].seed, i - 2);
            if (got == FILLS[f].bytes[i]) continue;
            printf("FAIL fill(%llu, %d): %02x, PROTOCOL.md says %02x\n", (unsigned long long)FILLS[f].seed, i - 2, got, FILLS[f].bytes[i]);
            failures++;
        }
    }
    /* The digests of a page of zeros (what a hole reads as), and of two pages read as an observation reads them:
     * page 0 of a region of seed 1, the guard page before a region of seed 2. */
    world_init(&W);
    char err[256];
    space_t *p = space_create(&W, "p", err, sizeof err);
    placement_t own = {PLACE_OWN_SEGMENTS, 0};
    object_t *one = p ? object_create(&W, "one", p, 1, P_RW, 1, 0, own, err, sizeof err) : NULL;
    object_t *two = p ? object_create(&W, "two", p, 1, P_RW, 2, 0, own, err, sizeof err) : NULL;
    if (!one || !two) {
        printf("FAIL setting up the regions: %s\n", err);
        return 1;
    }
    static uint8_t page[PAGE_SIZE];
    memset(page, 0, sizeof page);
    failures += check_digest("a page of zeros", page, 0xa2118c93ea87ebfbULL);
    obj_read(one, 0, page, PAGE_SIZE);
    failures += check_digest("offsets 0..4095 of Fill seed 1", page, 0x61c16eedaa56a2ccULL);
    obj_read(two, -PAGE_SIZE, page, PAGE_SIZE);
    failures += check_digest("offsets -4096..-1 of Fill seed 2", page, 0xb895f5edd4980c5eULL);
    checks += 3;
    world_free(&W);
    printf("self-test: %d of %d checks passed\n", checks - failures, checks);
    return failures ? 1 : 0;
}

static void usage(FILE *f) {
    fputs("usage: xmemck-c-example [--fault NAME] [--trace]\n"
          "       xmemck-c-example --list-faults\n"
          "       xmemck-c-example --self-test\n"
          "Speaks the xmemck process protocol on standard input and output; exits when standard input closes.\n",
          f);
}

int main(int argc, char **argv) {
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
            trace = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "xmemck-c-example: unknown argument \"%s\"\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    world_init(&W);
    size_t len;
    char *line;
    while ((line = next_line(&len)) != NULL) {
        if (len > 0 && line[len - 1] == '\r') line[--len] = '\0';
        if (len == 0) continue;
        handle(line, len);
    }
    flush_out();
    world_free(&W);
    arena_free(&A);
    return 0;
}
