/*
 * The xmemck process protocol for implementations in C (see xmemck_protocol.h and sut-adapters/PROTOCOL.md): the
 * conversation on standard input and output, the decoding of ops into structs, the answers, the observations made
 * from the implementation's memory callbacks, the Fill pattern and the page digest.
 */
#define _POSIX_C_SOURCE 200809L

#include "xmemck_protocol.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmemck_json.h"

#define MAX_NOTES 16
#define TRACE_LIMIT 300             /* characters of a message that --trace copies to standard error */
#define BYTES_FLUSH (1u << 20)      /* a streamed bytes answer is flushed every MiB ... */
#define DIGEST_FLUSH (1u << 16)     /* ... a digest answer sooner: a digest costs more time than its bytes on the wire */
#define DIGEST_GROUP 4              /* pages whose digests are computed side by side (page_digests) */

struct xp_reply {
    int64_t value;
    char text[512]; /* the reason of unsupported, the message of error */
    int notes;
    const char *key[MAX_NOTES], *val[MAX_NOTES];
};

/* The conversation: one per process, as there is one standard input. */
static xpj_buf OUT;
static xpj_arena ARENA; /* the current request, and the strings of its answer */
static int TRACE;
static const char *PROGRAM = "xmemck implementation";

/* ------------------------------------------------------------------ names on the wire */

static const char *const OP_NAMES[XP_OP_COUNT] = {
    "create_process", "map_region", "map_region_below_user_block", "map_region_across_segments",
    "create_file_segment", "set_frame", "protect", "unmap", "set_page_state", "damage_lines", "pin",
    "set_adi_version", "delete_segment", "xmattach", "xmdetach", "xmemout", "vm_mvc", "copyout", "ddi_copyout",
    "xx_ioctl", "observe_bytes", "observe_digest", "observe_protection",
};
static const char *const PROTS[] = {"NONE", "READ", "READ_WRITE"};
static const char *const STATES[] = {"RESIDENT", "PAGED_OUT", "PAGING_IO_ERROR", "HARDWARE_ERROR"};
static const char *const PLACES[] = {"NULL", "UNMAPPED", "KERNEL", "USER_BLOCK"}; /* XP_AT_NULL onwards */

const char *const xp_capabilities[] = {
    "XMEM_SERVICES", "VM_MVC", "COPYOUT", "DDI_COPYOUT", "KERNEL_DESTINATION", "MULTIPLE_PROCESSES",
    "PROCESS_CONTEXT_OTHER", "KERNEL_PROCESS_CONTEXT", "INTERRUPT_CONTEXT", "READ_ONLY_PAGES", "NO_ACCESS_PAGES",
    "UNMAPPED_PAGES", "PAGED_OUT_PAGES", "PAGING_IO_ERROR", "HARDWARE_ERROR", "ADI", "USER_BLOCK",
    "SPECIAL_ADDRESSES", "SEGMENT_DELETE", "PINNING", "FRAMES", "PROTECTION_OBSERVATION", "DAMAGED_LINES",
    "USER_BLOCK_NEIGHBOUR", "SEGMENT_CROSSING", "DIGEST_OBSERVATION", NULL,
};

const char *xp_op_name(xp_op_kind kind) { return kind < XP_OP_COUNT ? OP_NAMES[kind] : "?"; }
const char *xp_prot_name(xp_prot prot) { return prot <= XP_PROT_READ_WRITE ? PROTS[prot] : "?"; }
const char *xp_page_state_name(xp_page_state state) { return state <= XP_HARDWARE_ERROR ? STATES[state] : "?"; }
const char *xp_place_name(xp_place place) { return place == XP_AT_OBJECT ? "object" : place <= XP_AT_USER_BLOCK ? PLACES[place - 1] : "?"; }

static int is_setup(xp_op_kind kind) { return kind <= XP_OP_DELETE_SEGMENT; }
static int is_call(xp_op_kind kind) { return kind >= XP_OP_XMATTACH && kind <= XP_OP_XX_IOCTL; }

/* ------------------------------------------------------------------ output */

static void flush_out(void) {
    size_t done = 0;
    while (done < OUT.len) {
        ssize_t n = write(1, OUT.data + done, OUT.len - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            exit(0); /* the kit is gone: nobody is left to answer */
        }
        done += (size_t)n;
    }
    OUT.len = 0;
}

/* Ends the message line that began at `start`; the output is flushed when no further request is waiting (next_line). */
static void end_line(size_t start) {
    if (start > OUT.len) start = 0; /* part of the line was flushed already: a streamed observation */
    if (TRACE) {
        size_t n = OUT.len - start;
        fprintf(stderr, "%s: sent %.*s\n", PROGRAM, (int)(n > TRACE_LIMIT ? TRACE_LIMIT : n), OUT.data + start);
    }
    xpj_putc(&OUT, '\n');
}

static void send_error(int has_seq, int64_t seq, const char *message) {
    size_t start = OUT.len;
    xpj_puts(&OUT, "{\"type\":\"error\",");
    if (has_seq) {
        xpj_puts(&OUT, "\"seq\":");
        xpj_i64(&OUT, seq);
        xpj_putc(&OUT, ',');
    }
    xpj_puts(&OUT, "\"message\":");
    xpj_str(&OUT, message);
    xpj_putc(&OUT, '}');
    end_line(start);
    fprintf(stderr, "%s: error: %s\n", PROGRAM, message);
}

static void begin_result(int64_t seq, const char *kind) {
    xpj_puts(&OUT, "{\"type\":\"result\",\"seq\":");
    xpj_i64(&OUT, seq);
    xpj_puts(&OUT, ",\"result\":\"");
    xpj_puts(&OUT, kind);
    xpj_putc(&OUT, '"');
}

/* ------------------------------------------------------------------ input */

static char *in_data;
static size_t in_len, in_cap, in_pos;

static void grow_input(void) {
    in_cap = in_cap ? in_cap * 2 : 1 << 16;
    in_data = realloc(in_data, in_cap);
    if (!in_data) {
        fprintf(stderr, "%s: out of memory\n", PROGRAM);
        exit(3);
    }
}

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
        /* No complete request is waiting: send what we have before blocking, so that a batch costs one write. */
        flush_out();
        if (in_pos > 0) {
            memmove(in_data, in_data + in_pos, in_len - in_pos);
            in_len -= in_pos;
            in_pos = 0;
        }
        if (in_len + 1 >= in_cap) grow_input();
        ssize_t n = read(0, in_data + in_len, in_cap - in_len - 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (in_len == 0) return NULL;
            in_data[in_len++] = '\n'; /* a last line without its line end */
            continue;
        }
        in_len += (size_t)n;
    }
}

/* ------------------------------------------------------------------ answers */

static void reply_init(xp_reply *r) {
    r->value = 0;
    r->text[0] = '\0';
    r->notes = 0;
}

xp_status xp_returned(xp_reply *r, int64_t value) {
    r->value = value;
    return XP_RETURNED;
}

/* Copies into the request's arena: the strings live until the answer is written. */
static const char *keep(const char *s) {
    size_t n = strlen(s) + 1;
    char *copy = xpj_alloc(&ARENA, n);
    if (!copy) {
        fprintf(stderr, "%s: out of memory\n", PROGRAM);
        exit(3);
    }
    return memcpy(copy, s, n);
}

void xp_note(xp_reply *r, const char *key, const char *value) {
    if (r->notes == MAX_NOTES) {
        fprintf(stderr, "%s: more than %d notes on one result; note \"%s\" dropped\n", PROGRAM, MAX_NOTES, key);
        return;
    }
    r->key[r->notes] = keep(key);
    r->val[r->notes] = keep(value);
    r->notes++;
}

/* The reason of unsupported or the message of error; a longer one is cut at the reply's size. */
static void say(xp_reply *r, const char *fmt, va_list ap) { vsnprintf(r->text, sizeof r->text, fmt, ap); }

xp_status xp_unsupported(xp_reply *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say(r, fmt, ap);
    va_end(ap);
    return XP_UNSUPPORTED;
}

xp_status xp_error(xp_reply *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say(r, fmt, ap);
    va_end(ap);
    return XP_ERROR;
}

/* The notes in the canonical order (sorted by key), which is also what makes two runs compare equal. */
static void put_notes(const xp_reply *r) {
    if (r->notes == 0) return;
    int order[MAX_NOTES];
    for (int i = 0; i < r->notes; i++) {
        int j = i;
        for (; j > 0 && strcmp(r->key[order[j - 1]], r->key[i]) > 0; j--) order[j] = order[j - 1];
        order[j] = i;
    }
    xpj_puts(&OUT, ",\"notes\":{");
    for (int i = 0; i < r->notes; i++) {
        if (i) xpj_putc(&OUT, ',');
        xpj_str(&OUT, r->key[order[i]]);
        xpj_putc(&OUT, ':');
        xpj_str(&OUT, r->val[order[i]]);
    }
    xpj_putc(&OUT, '}');
}

/*
 * Writes the answer a callback gave. Returns 1 when it was an error (the conversation ends), else 0. An answer of
 * the wrong kind is the implementation's defect: it becomes an error that says so, rather than a breach the kit
 * would have to explain.
 */
static int answer(int64_t seq, xp_op_kind kind, xp_status status, xp_reply *r) {
    if ((status == XP_DONE && !is_setup(kind)) || (status == XP_RETURNED && !is_call(kind)) || status > XP_ERROR) {
        xp_error(r, "the implementation answered op %s with %s; a %s answers %s or unsupported", OP_NAMES[kind],
                 status == XP_DONE ? "done" : status == XP_RETURNED ? "returned" : "an unknown status",
                 is_setup(kind) ? "setup op" : "call", is_setup(kind) ? "done" : "returned");
        status = XP_ERROR;
    }
    if (status == XP_ERROR) {
        send_error(1, seq, r->text[0] ? r->text : "ill-formed op");
        return 1;
    }
    size_t start = OUT.len;
    if (status == XP_DONE) {
        begin_result(seq, "done");
    } else if (status == XP_RETURNED) {
        begin_result(seq, "returned");
        xpj_puts(&OUT, ",\"value\":");
        xpj_i64(&OUT, r->value);
        put_notes(r);
    } else {
        begin_result(seq, "unsupported");
        xpj_puts(&OUT, ",\"reason\":");
        xpj_str(&OUT, r->text[0] ? r->text : "not supported by this implementation");
    }
    xpj_putc(&OUT, '}');
    end_line(start);
    return 0;
}

/* ------------------------------------------------------------------ decoding ops */

/* How one member of an op is read, and where in xp_op it goes. */
typedef enum { F_NAME, F_I64, F_SEED, F_INT, F_U64, F_U32, F_BOOL, F_PROT, F_STATE, F_VERSION, F_CONTEXT, F_ADDR } ftype;
typedef struct {
    const char *key;
    ftype type;
    size_t at;
} field;

#define AT(member) offsetof(xp_op, u.member)
#define MAX_FIELDS 8

/* Every op's members in their canonical order (PROTOCOL.md §9), which is also the order they are checked in. */
static const field FIELDS[XP_OP_COUNT][MAX_FIELDS + 1] = {
    [XP_OP_CREATE_PROCESS] = {{"name", F_NAME, AT(create_process.name)}},
    [XP_OP_MAP_REGION] = {{"name", F_NAME, AT(map_region.name)}, {"space", F_NAME, AT(map_region.space)},
                          {"pages", F_I64, AT(map_region.pages)}, {"prot", F_PROT, AT(map_region.prot)},
                          {"seed", F_SEED, AT(map_region.seed)}},
    [XP_OP_MAP_REGION_BELOW_USER_BLOCK] = {{"name", F_NAME, AT(map_region_below_user_block.name)},
                                           {"process", F_NAME, AT(map_region_below_user_block.process)},
                                           {"pages", F_I64, AT(map_region_below_user_block.pages)},
                                           {"prot", F_PROT, AT(map_region_below_user_block.prot)},
                                           {"seed", F_SEED, AT(map_region_below_user_block.seed)}},
    [XP_OP_MAP_REGION_ACROSS_SEGMENTS] = {{"name", F_NAME, AT(map_region_across_segments.name)},
                                          {"space", F_NAME, AT(map_region_across_segments.space)},
                                          {"pages", F_I64, AT(map_region_across_segments.pages)},
                                          {"prot", F_PROT, AT(map_region_across_segments.prot)},
                                          {"seed", F_SEED, AT(map_region_across_segments.seed)},
                                          {"boundary_page", F_I64, AT(map_region_across_segments.boundary_page)}},
    [XP_OP_CREATE_FILE_SEGMENT] = {{"sid", F_NAME, AT(create_file_segment.sid)},
                                   {"pages", F_I64, AT(create_file_segment.pages)},
                                   {"seed", F_SEED, AT(create_file_segment.seed)}},
    [XP_OP_SET_FRAME] = {{"sid", F_NAME, AT(set_frame.sid)}, {"pno", F_I64, AT(set_frame.pno)},
                         {"has_frame", F_BOOL, AT(set_frame.has_frame)}},
    [XP_OP_PROTECT] = {{"object", F_NAME, AT(protect.object)}, {"first_page", F_I64, AT(protect.first_page)},
                       {"pages", F_I64, AT(protect.pages)}, {"prot", F_PROT, AT(protect.prot)}},
    [XP_OP_UNMAP] = {{"object", F_NAME, AT(unmap.object)}, {"first_page", F_I64, AT(unmap.first_page)},
                     {"pages", F_I64, AT(unmap.pages)}},
    [XP_OP_SET_PAGE_STATE] = {{"object", F_NAME, AT(set_page_state.object)},
                              {"first_page", F_I64, AT(set_page_state.first_page)},
                              {"pages", F_I64, AT(set_page_state.pages)}, {"state", F_STATE, AT(set_page_state.state)}},
    [XP_OP_DAMAGE_LINES] = {{"object", F_NAME, AT(damage_lines.object)},
                            {"first_line", F_I64, AT(damage_lines.first_line)}, {"lines", F_I64, AT(damage_lines.lines)}},
    [XP_OP_PIN] = {{"object", F_NAME, AT(pin.object)}, {"first_page", F_I64, AT(pin.first_page)},
                   {"pages", F_I64, AT(pin.pages)}},
    [XP_OP_SET_ADI_VERSION] = {{"object", F_NAME, AT(set_adi_version.object)},
                               {"first_line", F_I64, AT(set_adi_version.first_line)},
                               {"lines", F_I64, AT(set_adi_version.lines)}, {"version", F_VERSION, AT(set_adi_version.version)}},
    [XP_OP_DELETE_SEGMENT] = {{"object", F_NAME, AT(delete_segment.object)}},
    [XP_OP_XMATTACH] = {{"context", F_CONTEXT, AT(xmattach.context)}, {"addr", F_ADDR, AT(xmattach.addr)},
                        {"count", F_INT, AT(xmattach.count)}, {"dp", F_NAME, AT(xmattach.dp)},
                        {"segflag", F_INT, AT(xmattach.segflag)}},
    [XP_OP_XMDETACH] = {{"context", F_CONTEXT, AT(xmdetach.context)}, {"dp", F_NAME, AT(xmdetach.dp)}},
    [XP_OP_XMEMOUT] = {{"context", F_CONTEXT, AT(xmemout.context)}, {"kaddr", F_ADDR, AT(xmemout.kaddr)},
                       {"uaddr", F_ADDR, AT(xmemout.uaddr)}, {"count", F_INT, AT(xmemout.count)},
                       {"dp", F_NAME, AT(xmemout.dp)}},
    [XP_OP_VM_MVC] = {{"context", F_CONTEXT, AT(vm_mvc.context)}, {"sid", F_NAME, AT(vm_mvc.sid)},
                      {"pno", F_I64, AT(vm_mvc.pno)}, {"pgoffs", F_INT, AT(vm_mvc.pgoffs)},
                      {"count", F_INT, AT(vm_mvc.count)}, {"cmd", F_INT, AT(vm_mvc.cmd)},
                      {"dp", F_NAME, AT(vm_mvc.dp)}, {"ptr", F_ADDR, AT(vm_mvc.ptr)}},
    [XP_OP_COPYOUT] = {{"context", F_CONTEXT, AT(copyout.context)}, {"driverbuf", F_ADDR, AT(copyout.driverbuf)},
                       {"userbuf", F_ADDR, AT(copyout.userbuf)}, {"cn", F_U64, AT(copyout.cn)}},
    [XP_OP_DDI_COPYOUT] = {{"context", F_CONTEXT, AT(ddi_copyout.context)},
                           {"driverbuf", F_ADDR, AT(ddi_copyout.driverbuf)}, {"buf", F_ADDR, AT(ddi_copyout.buf)},
                           {"cn", F_U64, AT(ddi_copyout.cn)}, {"flags", F_U32, AT(ddi_copyout.flags)}},
    [XP_OP_XX_IOCTL] = {{"context", F_CONTEXT, AT(xx_ioctl.context)}, {"regs", F_ADDR, AT(xx_ioctl.regs)},
                        {"cmd", F_INT, AT(xx_ioctl.cmd)}, {"arg", F_ADDR, AT(xx_ioctl.arg)}},
    [XP_OP_OBSERVE_BYTES] = {{"object", F_NAME, AT(observe_bytes.object)}, {"from", F_I64, AT(observe_bytes.from)},
                             {"length", F_I64, AT(observe_bytes.length)}},
    [XP_OP_OBSERVE_DIGEST] = {{"object", F_NAME, AT(observe_digest.object)}, {"from", F_I64, AT(observe_digest.from)},
                              {"length", F_I64, AT(observe_digest.length)}},
    [XP_OP_OBSERVE_PROTECTION] = {{"object", F_NAME, AT(observe_protection.object)},
                                  {"page", F_I64, AT(observe_protection.page)}},
};

/* The decoders below return 1, or 0 with the reply's message saying what is wrong (the first problem found). */

static int fail(xp_reply *r, const char *fmt, ...) XP_PRINTF(2, 3);
static int fail(xp_reply *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say(r, fmt, ap);
    va_end(ap);
    return 0;
}

static int get_string(xp_reply *r, const xpj_node *o, const char *key, const char **out) {
    const xpj_node *v = xpj_get(o, key);
    if (!v || v->kind != XPJ_STR) return fail(r, "field \"%s\" must be a string", key);
    *out = v->str;
    return 1;
}

/* Names of PROTOCOL.md §7: [A-Za-z_][A-Za-z0-9_.-]{0,63}. Checked here so that no implementation has to. */
static int valid_name(const char *s) {
    size_t n = strlen(s);
    if (n < 1 || n > 64) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-'))) return 0;
    }
    return 1;
}

static int get_name(xp_reply *r, const xpj_node *o, const char *key, const char **out) {
    if (!get_string(r, o, key, out)) return 0;
    if (!valid_name(*out)) return fail(r, "field \"%s\" must be a name matching [A-Za-z_][A-Za-z0-9_.-]{0,63}, got \"%.80s\"", key, *out);
    return 1;
}

static int get_i64(xp_reply *r, const xpj_node *o, const char *key, int64_t *out) {
    const xpj_node *v = xpj_get(o, key);
    if (!v || v->kind != XPJ_NUM || !v->num_exact) return fail(r, "field \"%s\" must be a whole number", key);
    *out = v->num;
    return 1;
}

/* A whole number in [lo, hi]: the C types narrower than 64 bits. */
static int get_ranged(xp_reply *r, const xpj_node *o, const char *key, int64_t lo, int64_t hi, int64_t *out) {
    const xpj_node *v = xpj_get(o, key);
    if (!v || v->kind != XPJ_NUM || !v->num_exact || v->num < lo || v->num > hi) {
        return fail(r, "field \"%s\" must be a whole number from %lld to %lld", key, (long long)lo, (long long)hi);
    }
    *out = v->num;
    return 1;
}

/* A size_t: the whole unsigned 64-bit range. */
static int get_u64(xp_reply *r, const xpj_node *o, const char *key, uint64_t *out) {
    const xpj_node *v = xpj_get(o, key);
    if (!v || v->kind != XPJ_NUM || !v->unum_exact) {
        return fail(r, "field \"%s\" must be a whole number from 0 to 18446744073709551615", key);
    }
    *out = v->unum;
    return 1;
}

static int get_bool(xp_reply *r, const xpj_node *o, const char *key, int *out) {
    const xpj_node *v = xpj_get(o, key);
    if (!v || v->kind != XPJ_BOOL) return fail(r, "field \"%s\" must be true or false", key);
    *out = v->boolean;
    return 1;
}

static int get_enum(xp_reply *r, const xpj_node *o, const char *key, const char *const *names, int n, int *out) {
    const char *s = "";
    if (!get_string(r, o, key, &s)) return 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 1;
        }
    }
    return fail(r, "field \"%s\" has an unknown value \"%s\"", key, s);
}

static int get_context(xp_reply *r, const xpj_node *o, const char *key, xp_context *c) {
    const xpj_node *v = xpj_get(o, key);
    const char *kind = "";
    c->process = NULL;
    if (!v || v->kind != XPJ_OBJ) return fail(r, "field \"%s\" must be a context object", key);
    if (!get_string(r, v, "kind", &kind)) return 0;
    if (strcmp(kind, "process") == 0) {
        c->kind = XP_CTX_PROCESS;
        return get_name(r, v, "process", &c->process);
    }
    if (strcmp(kind, "kernel_process") == 0) c->kind = XP_CTX_KERNEL_PROCESS;
    else if (strcmp(kind, "interrupt") == 0) c->kind = XP_CTX_INTERRUPT;
    else return fail(r, "unknown context kind \"%s\"", kind);
    return 1;
}

static int get_addr(xp_reply *r, const xpj_node *o, const char *key, xp_addr *a) {
    const xpj_node *v = xpj_get(o, key);
    int place = 0;
    int64_t version = 0;
    if (!v || v->kind != XPJ_OBJ) return fail(r, "field \"%s\" must be an address object", key);
    if (!get_i64(r, v, "offset", &a->offset)) return 0;
    a->object = NULL;
    if (xpj_get(v, "special")) {
        if (!get_enum(r, v, "special", PLACES, 4, &place)) return 0;
        a->place = (xp_place)(XP_AT_NULL + place);
    } else {
        a->place = XP_AT_OBJECT;
        if (!get_name(r, v, "object", &a->object)) return 0;
    }
    if (xpj_get(v, "adi_version") && !get_ranged(r, v, "adi_version", 0, 15, &version)) return 0;
    a->adi_version = (int)version;
    return 1;
}

static int decode_field(xp_reply *r, const xpj_node *m, const field *f, char *at) {
    int64_t n = 0;
    int e = 0;
    switch (f->type) {
        case F_NAME: return get_name(r, m, f->key, (const char **)(void *)at);
        case F_I64: return get_i64(r, m, f->key, (int64_t *)(void *)at);
        case F_SEED: /* any signed 64-bit seed; Fill uses its bit pattern */
            if (!get_i64(r, m, f->key, &n)) return 0;
            *(uint64_t *)(void *)at = (uint64_t)n;
            return 1;
        case F_INT:
            if (!get_ranged(r, m, f->key, INT32_MIN, INT32_MAX, &n)) return 0;
            *(int *)(void *)at = (int)n;
            return 1;
        case F_VERSION:
            if (!get_ranged(r, m, f->key, 0, 15, &n)) return 0;
            *(int *)(void *)at = (int)n;
            return 1;
        case F_U32:
            if (!get_ranged(r, m, f->key, 0, UINT32_MAX, &n)) return 0;
            *(uint32_t *)(void *)at = (uint32_t)n;
            return 1;
        case F_U64: return get_u64(r, m, f->key, (uint64_t *)(void *)at);
        case F_BOOL: return get_bool(r, m, f->key, (int *)(void *)at);
        case F_PROT:
            if (!get_enum(r, m, f->key, PROTS, 3, &e)) return 0;
            *(xp_prot *)(void *)at = (xp_prot)e;
            return 1;
        case F_STATE:
            if (!get_enum(r, m, f->key, STATES, 4, &e)) return 0;
            *(xp_page_state *)(void *)at = (xp_page_state)e;
            return 1;
        case F_CONTEXT: return get_context(r, m, f->key, (xp_context *)(void *)at);
        case F_ADDR: return get_addr(r, m, f->key, (xp_addr *)(void *)at);
    }
    return fail(r, "internal error: no decoder for field \"%s\"", f->key);
}

/* Decodes the op of an apply message into *op; returns 1, or 0 with the reply's message saying why not. */
static int decode_op(xp_reply *r, const xpj_node *m, xp_op *op) {
    const char *name = "";
    if (!get_string(r, m, "op", &name)) return 0;
    int kind = 0;
    while (kind < XP_OP_COUNT && strcmp(name, OP_NAMES[kind]) != 0) kind++;
    if (kind == XP_OP_COUNT) return fail(r, "unknown op \"%s\"", name);
    memset(&op->u, 0, sizeof op->u);
    op->kind = (xp_op_kind)kind;
    for (const field *f = FIELDS[kind]; f->key; f++)
        if (!decode_field(r, m, f, (char *)op + f->at)) return 0;
    /* "kernel" names the kernel's address space in every op that names a space: it can never be a process. */
    if (op->kind == XP_OP_CREATE_PROCESS && strcmp(op->u.create_process.name, "kernel") == 0)
        return fail(r, "\"kernel\" is not a process name");
    return 1;
}

/* ------------------------------------------------------------------ calling the implementation */

static xp_status unimplemented(const xp_implementation *impl, xp_op_kind kind, xp_reply *r) {
    if (impl->unimplemented_reason) return xp_unsupported(r, "op %s is not implemented: %s", OP_NAMES[kind], impl->unimplemented_reason);
    return xp_unsupported(r, "op %s is not implemented", OP_NAMES[kind]);
}

#define CASE(KIND, member) \
    case KIND:             \
        if (impl->member) return impl->member(state, &op->u.member, r); \
        break

/* The op's own callback, else the implementation's apply, else unsupported. */
static xp_status dispatch(const xp_implementation *impl, void *state, const xp_op *op, xp_reply *r) {
    switch (op->kind) {
        CASE(XP_OP_CREATE_PROCESS, create_process);
        CASE(XP_OP_MAP_REGION, map_region);
        CASE(XP_OP_MAP_REGION_BELOW_USER_BLOCK, map_region_below_user_block);
        CASE(XP_OP_MAP_REGION_ACROSS_SEGMENTS, map_region_across_segments);
        CASE(XP_OP_CREATE_FILE_SEGMENT, create_file_segment);
        CASE(XP_OP_SET_FRAME, set_frame);
        CASE(XP_OP_PROTECT, protect);
        CASE(XP_OP_UNMAP, unmap);
        CASE(XP_OP_SET_PAGE_STATE, set_page_state);
        CASE(XP_OP_DAMAGE_LINES, damage_lines);
        CASE(XP_OP_PIN, pin);
        CASE(XP_OP_SET_ADI_VERSION, set_adi_version);
        CASE(XP_OP_DELETE_SEGMENT, delete_segment);
        CASE(XP_OP_XMATTACH, xmattach);
        CASE(XP_OP_XMDETACH, xmdetach);
        CASE(XP_OP_XMEMOUT, xmemout);
        CASE(XP_OP_VM_MVC, vm_mvc);
        CASE(XP_OP_COPYOUT, copyout);
        CASE(XP_OP_DDI_COPYOUT, ddi_copyout);
        CASE(XP_OP_XX_IOCTL, xx_ioctl);
        default: break;
    }
    return impl->apply ? impl->apply(state, op, r) : unimplemented(impl, op->kind, r);
}

#undef CASE

/* ------------------------------------------------------------------ observations */

/*
 * The observations write their own answer (a large one is streamed) and then return XP_DONE, which no observation
 * could otherwise answer; before writing they may return XP_UNSUPPORTED or XP_ERROR like any callback.
 */

/* The object an observation names, with its size in pages; NULL (and an error) when there is none. */
static void *find(const xp_implementation *impl, void *state, const char *name, int64_t *pages, xp_reply *r) {
    void *o = impl->lookup(state, name, pages);
    if (!o) xp_error(r, "unknown object \"%s\" (field \"object\")", name);
    return o;
}

/* Starts a bytes or digest result: the members before the data. */
static void begin_observation(int64_t seq, const char *kind, const char *object, int64_t from, const char *data) {
    begin_result(seq, kind);
    xpj_puts(&OUT, ",\"object\":");
    xpj_str(&OUT, object);
    xpj_puts(&OUT, ",\"from\":");
    xpj_i64(&OUT, from);
    xpj_puts(&OUT, data);
}

/* Ends an observation's result: the unreadable pages (if any), then the line; frees the list. */
static void end_observation(size_t start, xpj_buf *unreadable) {
    if (unreadable->len) {
        xpj_puts(&OUT, ",\"unreadable_pages\":[");
        xpj_put(&OUT, unreadable->data, unreadable->len);
        xpj_putc(&OUT, ']');
    }
    xpj_putc(&OUT, '}');
    end_line(start);
    free(unreadable->data);
}

static void list_page(xpj_buf *unreadable, int64_t page) {
    if (unreadable->len) xpj_putc(unreadable, ',');
    xpj_i64(unreadable, page);
}

static int64_t page_of_offset(int64_t off) { return off >= 0 ? off / XP_PAGE_SIZE : -((-off + XP_PAGE_SIZE - 1) / XP_PAGE_SIZE); }

/* Reads [at, at + n) of the object page by page; a page that is not there reads as zeros and is listed once. */
static void read_range(const xp_implementation *impl, void *state, void *o, int64_t at, int64_t n, uint8_t *dst,
                       xpj_buf *unreadable, int64_t *listed) {
    for (int64_t q = at; q < at + n;) {
        int64_t p = page_of_offset(q);
        int64_t end = (p + 1) * XP_PAGE_SIZE < at + n ? (p + 1) * XP_PAGE_SIZE : at + n;
        if (!impl->read(state, o, q, dst + (q - at), (size_t)(end - q))) {
            memset(dst + (q - at), 0, (size_t)(end - q));
            if (p != *listed) list_page(unreadable, p);
            *listed = p;
        }
        q = end;
    }
}

/* observe_bytes: the object's bytes with their guard pages, streamed a few pages at a time as base64. */
static xp_status observe_bytes(const xp_implementation *impl, void *state, int64_t seq, const xp_observe_bytes *op, xp_reply *r) {
    int64_t pages;
    void *o = find(impl, state, op->object, &pages, r);
    if (!o) return XP_ERROR;
    if (op->length < 0 || op->from < -XP_PAGE_SIZE || op->from > (pages + 1) * XP_PAGE_SIZE - op->length)
        return xp_error(r, "observe_bytes: the range is outside object \"%s\" and its guard pages", op->object);
    size_t start = OUT.len;
    begin_observation(seq, "bytes", op->object, op->from, ",\"data\":\"");
    static uint8_t chunk[3 * XP_PAGE_SIZE]; /* a multiple of 3: the base64 of the chunks joins without padding */
    xpj_buf unreadable = {0};
    int64_t listed = INT64_MIN, end = op->from + op->length;
    for (int64_t at = op->from; at < end; at += (int64_t)sizeof chunk) {
        int64_t k = end - at < (int64_t)sizeof chunk ? end - at : (int64_t)sizeof chunk;
        read_range(impl, state, o, at, k, chunk, &unreadable, &listed);
        xpj_base64(&OUT, chunk, (size_t)k);
        if (OUT.len > BYTES_FLUSH) flush_out(); /* the kit's timeout counts silence, so keep the answer moving */
    }
    xpj_putc(&OUT, '"');
    end_observation(start, &unreadable);
    return XP_DONE;
}

/* A digest as JSON: a string of 16 lower-case hexadecimal digits. */
static void put_hex64(uint64_t v) {
    static const char HEX[] = "0123456789abcdef";
    char s[18];
    s[0] = s[17] = '"';
    for (int i = 16; i >= 1; i--, v >>= 4) s[i] = HEX[v & 15];
    xpj_put(&OUT, s, sizeof s);
}

/* The digest's parts (PROTOCOL.md, section 9), shared by xp_page_digest and page_digests. */

/* The 8 bytes at p as a little-endian number, whatever this machine is. Written out as one expression, which
   compilers turn into a single load on a little-endian machine; a loop over the bytes they leave as a loop, which
   made the digest six times slower. */
static inline uint64_t le64(const uint8_t *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
           (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* One word into the digest, and the digest's end. */
static inline uint64_t digest_step(uint64_t h, uint64_t w) {
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h << 31 | h >> 33;
}
static inline uint64_t digest_end(uint64_t h) {
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 33);
}

/*
 * The digests of n <= DIGEST_GROUP consecutive pages at `pages`. Each page's digest is a chain of multiplies, each
 * waiting for the one before: computed side by side, the processor overlaps the chains of a group, where one page
 * at a time left it waiting on each multiply (the digests of a fuzz case's objects had been 40% of the C example's
 * time).
 */
static void page_digests(const uint8_t *pages, int n, uint64_t *out) {
    if (n != DIGEST_GROUP) {
        for (int k = 0; k < n; k++) out[k] = xp_page_digest(pages + k * XP_PAGE_SIZE);
        return;
    }
    uint64_t h0 = 0x6A09E667F3BCC908ULL, h1 = h0, h2 = h0, h3 = h0;
    const uint8_t *a = pages, *b = a + XP_PAGE_SIZE, *c = b + XP_PAGE_SIZE, *d = c + XP_PAGE_SIZE;
    for (int i = 0; i < XP_PAGE_SIZE; i += 8) {
        h0 = digest_step(h0, le64(a + i));
        h1 = digest_step(h1, le64(b + i));
        h2 = digest_step(h2, le64(c + i));
        h3 = digest_step(h3, le64(d + i));
    }
    out[0] = digest_end(h0);
    out[1] = digest_end(h1);
    out[2] = digest_end(h2);
    out[3] = digest_end(h3);
}

/* observe_digest: one digest per page, each page read as observe_bytes reads it. Streamed like observe_bytes. */
static xp_status observe_digest(const xp_implementation *impl, void *state, int64_t seq, const xp_observe_digest *op, xp_reply *r) {
    int64_t pages;
    void *o = find(impl, state, op->object, &pages, r);
    if (!o) return XP_ERROR;
    if (op->from % XP_PAGE_SIZE != 0 || op->length % XP_PAGE_SIZE != 0)
        return xp_error(r, "observe_digest: from and length must be multiples of 4096");
    if (op->length < 0 || op->from < -XP_PAGE_SIZE || op->from > (pages + 1) * XP_PAGE_SIZE - op->length)
        return xp_error(r, "observe_digest: the range is outside object \"%s\" and its guard pages", op->object);
    size_t start = OUT.len;
    begin_observation(seq, "digest", op->object, op->from, ",\"digests\":[");
    static uint8_t group[DIGEST_GROUP * XP_PAGE_SIZE];
    xpj_buf unreadable = {0};
    int64_t listed = INT64_MIN;
    int64_t first = op->from / XP_PAGE_SIZE, end = (op->from + op->length) / XP_PAGE_SIZE;
    for (int64_t p = first; p < end; p += DIGEST_GROUP) {
        int n = end - p < DIGEST_GROUP ? (int)(end - p) : DIGEST_GROUP;
        for (int k = 0; k < n; k++)
            read_range(impl, state, o, (p + k) * XP_PAGE_SIZE, XP_PAGE_SIZE, group + k * XP_PAGE_SIZE, &unreadable, &listed);
        uint64_t digests[DIGEST_GROUP];
        page_digests(group, n, digests);
        for (int k = 0; k < n; k++) {
            if (p + k > first) xpj_putc(&OUT, ',');
            put_hex64(digests[k]);
        }
        if (OUT.len > DIGEST_FLUSH) flush_out();
    }
    xpj_putc(&OUT, ']');
    end_observation(start, &unreadable);
    return XP_DONE;
}

static xp_status observe_protection(const xp_implementation *impl, void *state, int64_t seq, const xp_observe_protection *op, xp_reply *r) {
    int64_t pages;
    void *o = find(impl, state, op->object, &pages, r);
    if (!o) return XP_ERROR;
    if (op->page < -1 || op->page > pages)
        return xp_error(r, "observe_protection: page out of range for object \"%s\"", op->object);
    xp_prot prot = impl->protection(state, o, op->page);
    size_t start = OUT.len;
    begin_result(seq, "protection");
    xpj_puts(&OUT, ",\"prot\":\"");
    xpj_puts(&OUT, xp_prot_name(prot));
    xpj_puts(&OUT, "\"}");
    end_line(start);
    return XP_DONE;
}

static xp_status observe(const xp_implementation *impl, void *state, const xp_op *op, xp_reply *r) {
    if (!impl->lookup || !impl->read || (op->kind == XP_OP_OBSERVE_PROTECTION && !impl->protection))
        return unimplemented(impl, op->kind, r);
    if (op->kind == XP_OP_OBSERVE_BYTES) return observe_bytes(impl, state, op->seq, &op->u.observe_bytes, r);
    if (op->kind == XP_OP_OBSERVE_DIGEST) return observe_digest(impl, state, op->seq, &op->u.observe_digest, r);
    return observe_protection(impl, state, op->seq, &op->u.observe_protection, r);
}

/* ------------------------------------------------------------------ messages */

/* Answers one apply. Returns 1 when the conversation ends (an error was sent), else 0. */
static int apply(const xp_implementation *impl, void *state, int64_t seq, const xpj_node *m) {
    xp_reply r;
    xp_op op;
    reply_init(&r);
    op.seq = seq;
    if (!decode_op(&r, m, &op)) {
        send_error(1, seq, r.text);
        return 1;
    }
    if (op.kind >= XP_OP_OBSERVE_BYTES) {
        xp_status s = observe(impl, state, &op, &r);
        return s == XP_DONE ? 0 : answer(seq, op.kind, s, &r);
    }
    return answer(seq, op.kind, dispatch(impl, state, &op, &r), &r);
}

static int speaks_our_version(const xpj_node *m) {
    const xpj_node *versions = xpj_get(m, "protocols");
    if (!versions || versions->kind != XPJ_ARR) return 0;
    for (const xpj_node *v = versions->child; v; v = v->next)
        if (v->kind == XPJ_NUM && v->num_exact && v->num == XP_PROTOCOL_VERSION) return 1;
    return 0;
}

static int listed(const char *const *names, const char *name) {
    for (; names && *names; names++)
        if (strcmp(*names, name) == 0) return 1;
    return 0;
}

static int listed_missing(const xp_missing *missing, const char *name) {
    for (; missing && missing->capability; missing++)
        if (strcmp(missing->capability, name) == 0) return 1;
    return 0;
}

static void put_missing(int *first, const char *capability, const char *reason) {
    if (!*first) xpj_putc(&OUT, ',');
    *first = 0;
    xpj_str(&OUT, capability);
    xpj_putc(&OUT, ':');
    xpj_str(&OUT, reason);
}

/* The capabilities object of the hello: supported as listed, missing as listed, then the defaulted ones. */
static void put_capabilities(const xp_implementation *impl) {
    xpj_puts(&OUT, "{\"supported\":[");
    for (const char *const *s = impl->supported; s && *s; s++) {
        if (s != impl->supported) xpj_putc(&OUT, ',');
        xpj_str(&OUT, *s);
    }
    xpj_puts(&OUT, "],\"missing\":{");
    int first = 1;
    for (const xp_missing *m = impl->missing; m && m->capability; m++) put_missing(&first, m->capability, m->reason);
    for (const char *const *c = xp_capabilities; impl->missing_reason && *c; c++)
        if (!listed(impl->supported, *c) && !listed_missing(impl->missing, *c)) put_missing(&first, *c, impl->missing_reason);
    xpj_puts(&OUT, "}}");
}

/* Answers the kit's hello. Returns 0, or 2 when the kit speaks no version of ours (refused: the process ends). */
static int hello(const xp_implementation *impl, const xpj_node *m) {
    if (!speaks_our_version(m)) {
        send_error(0, 0, "this implementation speaks protocol version 1 only");
        return 2;
    }
    size_t start = OUT.len;
    xpj_puts(&OUT, "{\"type\":\"hello\",\"protocol\":1,\"name\":");
    xpj_str(&OUT, impl->name && impl->name[0] ? impl->name : PROGRAM);
    xpj_puts(&OUT, ",\"capabilities\":");
    put_capabilities(impl);
    xpj_putc(&OUT, '}');
    end_line(start);
    return 0;
}

/* Answers reset with ready. Returns 1 when the implementation could not reset (an error was sent), else 0. */
static int reset(const xp_implementation *impl, void *state) {
    xp_reply r;
    reply_init(&r);
    xp_status s = impl->reset ? impl->reset(state, &r) : XP_DONE;
    if (s != XP_DONE) {
        send_error(0, 0, s == XP_ERROR && r.text[0] ? r.text : "the implementation could not reset");
        return 1;
    }
    size_t start = OUT.len;
    xpj_puts(&OUT, "{\"type\":\"ready\"}");
    end_line(start);
    return 0;
}

/* Handles one message. Returns -1 to go on, else the status the conversation ends with. */
static int handle(const xp_implementation *impl, void *state, const char *line, size_t len) {
    char err[300];
    if (TRACE) fprintf(stderr, "%s: received %.*s\n", PROGRAM, (int)(len > TRACE_LIMIT ? TRACE_LIMIT : len), line);
    xpj_node *m = xpj_parse(&ARENA, line, len, err, sizeof err);
    if (!m) {
        send_error(0, 0, err);
        return 0;
    }
    const xpj_node *type = xpj_get(m, "type");
    if (!type || type->kind != XPJ_STR) {
        send_error(0, 0, "a message needs a string field \"type\"");
        return 0;
    }
    if (strcmp(type->str, "apply") == 0) {
        const xpj_node *seq = xpj_get(m, "seq");
        if (!seq || seq->kind != XPJ_NUM || !seq->num_exact) {
            send_error(0, 0, "an apply message needs a whole-number \"seq\"");
            return 0;
        }
        return apply(impl, state, seq->num, m) ? 0 : -1;
    }
    if (strcmp(type->str, "reset") == 0) return reset(impl, state) ? 0 : -1;
    if (strcmp(type->str, "hello") == 0) {
        int refused = hello(impl, m);
        return refused ? refused : -1;
    }
    char msg[200];
    snprintf(msg, sizeof msg, "unknown message type \"%.60s\"", type->str);
    send_error(0, 0, msg);
    return 0;
}

int xp_serve(const xp_implementation *impl, void *state, const xp_options *options) {
    PROGRAM = options && options->program ? options->program : PROGRAM;
    TRACE = options ? options->trace : 0;
    xpj_program = PROGRAM;
    int status = -1;
    size_t len;
    char *line;
    while (status < 0 && (line = next_line(&len)) != NULL) {
        if (len > 0 && line[len - 1] == '\r') line[--len] = '\0';
        if (len > 0) status = handle(impl, state, line, len);
    }
    flush_out();
    xpj_arena_free(&ARENA);
    free(OUT.data);
    free(in_data);
    OUT = (xpj_buf){0};
    in_data = NULL;
    in_len = in_cap = in_pos = 0;
    return status < 0 ? 0 : status;
}

/* ------------------------------------------------------------------ Fill and the page digest */

void xp_fill(uint64_t seed, int64_t offset, uint8_t *dst, size_t n) {
    for (size_t i = 0; i < n; i++) dst[i] = xp_fill_byte(seed, offset + (int64_t)i);
}

uint64_t xp_page_digest(const uint8_t *page) {
    uint64_t h = 0x6A09E667F3BCC908ULL;
    for (int i = 0; i < XP_PAGE_SIZE; i += 8) h = digest_step(h, le64(page + i));
    return digest_end(h);
}

static int check_digest(const char *what, const uint8_t *page, uint64_t want) {
    uint64_t got = xp_page_digest(page);
    if (got == want) return 0;
    printf("FAIL digest of %s: %016llx, PROTOCOL.md says %016llx\n", what, (unsigned long long)got, (unsigned long long)want);
    return 1;
}

int xp_self_test(int *checks) {
    static const struct {
        uint64_t seed;
        uint8_t bytes[10]; /* offsets -2 .. 7 */
    } FILLS[] = {
        {1, {0xa5, 0xc4, 0xe5, 0x20, 0x67, 0xe9, 0x0b, 0xae, 0x80, 0xa5}},
        {2, {0x0d, 0xba, 0x8a, 0xce, 0xe9, 0x0d, 0x64, 0x29, 0x5a, 0x3c}},
    };
    int failures = 0;
    for (size_t f = 0; f < sizeof FILLS / sizeof *FILLS; f++) {
        for (int i = 0; i < 10; i++, (*checks)++) {
            uint8_t got = xp_fill_byte(FILLS[f].seed, i - 2);
            if (got == FILLS[f].bytes[i]) continue;
            printf("FAIL fill(%llu, %d): %02x, PROTOCOL.md says %02x\n", (unsigned long long)FILLS[f].seed, i - 2, got, FILLS[f].bytes[i]);
            failures++;
        }
    }
    static uint8_t page[XP_PAGE_SIZE];
    memset(page, 0, sizeof page);
    failures += check_digest("a page of zeros", page, 0xa2118c93ea87ebfbULL);
    xp_fill(1, 0, page, XP_PAGE_SIZE);
    failures += check_digest("offsets 0..4095 of Fill seed 1", page, 0x61c16eedaa56a2ccULL);
    xp_fill(2, -XP_PAGE_SIZE, page, XP_PAGE_SIZE);
    failures += check_digest("offsets -4096..-1 of Fill seed 2", page, 0xb895f5edd4980c5eULL);
    *checks += 3;
    /* The digests observe_digest computes a group at a time are those of the pages one at a time. */
    static uint8_t group[DIGEST_GROUP * XP_PAGE_SIZE];
    xp_fill(1, 0, group, XP_PAGE_SIZE);
    xp_fill(2, -XP_PAGE_SIZE, group + XP_PAGE_SIZE, XP_PAGE_SIZE);
    memset(group + 2 * XP_PAGE_SIZE, 0, XP_PAGE_SIZE);
    xp_fill(3, 5, group + 3 * XP_PAGE_SIZE, XP_PAGE_SIZE);
    const uint64_t want[DIGEST_GROUP] = {0x61c16eedaa56a2ccULL, 0xb895f5edd4980c5eULL, 0xa2118c93ea87ebfbULL,
                                         xp_page_digest(group + 3 * XP_PAGE_SIZE)};
    for (int n = 1; n <= DIGEST_GROUP; n++) {
        uint64_t got[DIGEST_GROUP];
        page_digests(group, n, got);
        for (int k = 0; k < n; k++, (*checks)++) {
            if (got[k] == want[k]) continue;
            printf("FAIL digest of page %d of a group of %d: %016llx, one page at a time %016llx\n", k, n,
                   (unsigned long long)got[k], (unsigned long long)want[k]);
            failures++;
        }
    }
    return failures;
}
